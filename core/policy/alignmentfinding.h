// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capability.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace delegate {

// One mismatch between what a task needs and what its environment grants.
struct AlignmentFinding
{
    enum class Kind {
        Missing, // the task cannot be done in this environment
        Excess, // the environment grants more than the task uses: least privilege is broken
    };

    Kind kind = Kind::Missing;
    Capability capability = Capability::RepositoryRead;
    QStringList
        items; // the tools, hosts, secrets or mounts concerned; empty for repository and network modes
    QString explanation; // what is needed or unused, and why
    QString field; // the environment field to change: "capabilities.tools"
    QString value; // the YAML value that fixes it: "[git, make]"
    QString fix; // the change in words: "set `tools: [git, make]` under capabilities"

    QJsonObject toJson() const;

    friend bool operator==(const AlignmentFinding &, const AlignmentFinding &) = default;
};

template<> std::span<const EnumName<AlignmentFinding::Kind>> enumNames<AlignmentFinding::Kind>();

} // namespace delegate
