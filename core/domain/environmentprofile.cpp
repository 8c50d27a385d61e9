// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentprofile.h"

#include "jsonreader.h"

namespace delegate {

QJsonObject EnvironmentProfile::toJson() const
{
    return {
        { QLatin1String("name"), name },
        { QLatin1String("description"), description },
        { QLatin1String("sandbox"), sandbox.toString() },
        { QLatin1String("capabilities"), capabilities.toJson() },
        { QLatin1String("limits"), limits.toJson() },
    };
}

std::optional<EnvironmentProfile> EnvironmentProfile::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    return readJsonObject<EnvironmentProfile>(json, errors);
}

EnvironmentProfile EnvironmentProfile::read(JsonReader &reader)
{
    EnvironmentProfile profile;
    profile.name = reader.text(QLatin1StringView("name"), JsonReader::Need::Required);
    profile.description = reader.text(QLatin1StringView("description"));
    if (reader.has(QLatin1StringView("sandbox"))) {
        const QString target = reader.text(QLatin1StringView("sandbox"));
        if (const std::optional<SandboxTarget> parsed = SandboxTarget::parse(target))
            profile.sandbox = *parsed;
        else if (!target.isEmpty())
            reader.fail(QLatin1StringView("sandbox"),
                        QStringLiteral("expected `local` or `ssh:<host>`, got `%1`").arg(target));
    }
    JsonReader capabilities = reader.object(QLatin1StringView("capabilities"));
    profile.capabilities = Capabilities::read(capabilities);
    JsonReader limits = reader.object(QLatin1StringView("limits"));
    profile.limits = ResourceLimits::read(limits);
    reader.finish();
    return profile;
}

} // namespace delegate
