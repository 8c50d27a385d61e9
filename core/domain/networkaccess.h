// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

#include <QJsonObject>
#include <QStringList>

namespace delegate {

class JsonReader;

// What the sandbox may reach over the network. An allowlist is enforced by
// the engine's proxy outside the sandbox.
struct NetworkAccess
{
    enum class Mode {
        None, // loopback only
        Allowlist, // only the listed hosts
        Full,
    };

    Mode mode = Mode::None;
    QStringList hosts; // only for Allowlist: "api.github.com", "*.example.com"

    QJsonObject toJson() const;
    // Accepts a bare mode too: `network: none`.
    static NetworkAccess read(JsonReader &reader, QLatin1StringView key);

    friend bool operator==(const NetworkAccess &, const NetworkAccess &) = default;
};

template<> std::span<const EnumName<NetworkAccess::Mode>> enumNames<NetworkAccess::Mode>();

} // namespace delegate
