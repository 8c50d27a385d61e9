// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capabilities.h"
#include "fielderror.h"
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
    Capabilities capabilities;
    ResourceLimits limits;

    QJsonObject toJson() const;
    static std::optional<EnvironmentProfile> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    static EnvironmentProfile read(JsonReader &reader);

    friend bool operator==(const EnvironmentProfile &, const EnvironmentProfile &) = default;
};

} // namespace delegate
