// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace delegate {

// Where an environment's sandbox runs: this machine, or another one over SSH.
// Written as `local`, `ssh:<host>` (host as ~/.ssh/config knows it), or
// `ssh` when the environment lists a pool of hosts.
struct SandboxTarget
{
    enum class Kind { Local, Ssh };

    Kind kind = Kind::Local;
    QString host; // only for Ssh; empty when a pool names the hosts

    QString toString() const;
    static std::optional<SandboxTarget> parse(QStringView text);

    friend bool operator==(const SandboxTarget &, const SandboxTarget &) = default;
};

} // namespace delegate
