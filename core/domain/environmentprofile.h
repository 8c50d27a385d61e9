// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capabilities.h"
#include "fielderror.h"
#include "hostpool.h"
#include "resourcelimits.h"
#include "sandboxtarget.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace delegate {

class JsonReader;

// Where and with what a task runs: a sandbox target, the capabilities it
// grants and the limits it enforces. Tasks name one by `name`.
struct EnvironmentProfile
{
    QString name;
    QString description;
    SandboxTarget sandbox;
    HostPool pool; // only with `sandbox: ssh`
    Capabilities capabilities;
    ResourceLimits limits;

    QJsonObject toJson() const;
    static std::optional<EnvironmentProfile> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    static EnvironmentProfile read(JsonReader &reader);

    // The hosts runs of an SSH environment go to: the pool's, or the one
    // host `ssh:<host>` names (its capacity bounded only by the engine's
    // own limits). Empty for a local environment.
    QList<PoolHost> sshHosts() const;

    friend bool operator==(const EnvironmentProfile &, const EnvironmentProfile &) = default;
};

} // namespace delegate
