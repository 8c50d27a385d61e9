// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"
#include "mount.h"
#include "networkaccess.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace delegate {

class JsonReader;

// What a sandbox grants (in an environment) or what work needs (in a skill).
// Least privilege: grant what the task needs and nothing else.
struct Capabilities
{
    enum class RepositoryAccess { None, Read, Write };

    RepositoryAccess repository = RepositoryAccess::None;
    NetworkAccess network;
    QStringList tools; // programs on PATH inside the sandbox
    QList<Mount> mounts; // read-only
    QStringList secrets; // names only; values stay with the engine

    QJsonObject toJson() const;
    static Capabilities read(JsonReader &reader);

    friend bool operator==(const Capabilities &, const Capabilities &) = default;
};

template<>
std::span<const EnumName<Capabilities::RepositoryAccess>> enumNames<Capabilities::RepositoryAccess>();

} // namespace delegate
