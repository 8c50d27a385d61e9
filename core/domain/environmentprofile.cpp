// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentprofile.h"

#include "jsonreader.h"

namespace delegate {

QJsonObject EnvironmentProfile::toJson() const
{
    QJsonObject json {
        { QLatin1String("name"), name },
        { QLatin1String("description"), description },
        { QLatin1String("sandbox"), sandbox.toString() },
        { QLatin1String("capabilities"), capabilities.toJson() },
        { QLatin1String("limits"), limits.toJson() },
    };
    if (!pool.isEmpty())
        json.insert(QLatin1String("pool"), pool.toJson());
    return json;
}

QList<PoolHost> EnvironmentProfile::sshHosts() const
{
    if (sandbox.kind != SandboxTarget::Kind::Ssh)
        return {};
    if (!pool.hosts.isEmpty())
        return pool.hosts;
    if (sandbox.host.isEmpty())
        return {};
    return { PoolHost { sandbox.host, HostPool::maximumCapacity } };
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
                        QStringLiteral("expected `local`, `ssh:<host>` or `ssh` (with a pool), got `%1`")
                            .arg(target));
    }
    if (reader.has(QLatin1StringView("pool"))) {
        JsonReader pool = reader.object(QLatin1StringView("pool"));
        profile.pool = HostPool::read(pool);
    }
    const bool ssh = profile.sandbox.kind == SandboxTarget::Kind::Ssh;
    if (!profile.pool.isEmpty() && !ssh)
        reader.fail(
            QLatin1StringView("pool"),
            QStringLiteral("a host pool needs `sandbox: ssh`; remove the pool to run on this machine"));
    else if (!profile.pool.hosts.isEmpty() && !profile.sandbox.host.isEmpty())
        reader.fail(QLatin1StringView("sandbox"),
                    QStringLiteral("with a pool write `sandbox: ssh`; the hosts are listed under pool.hosts, "
                                   "so `ssh:%1` would name one twice")
                        .arg(profile.sandbox.host));
    else if (ssh && profile.sandbox.host.isEmpty() && profile.pool.hosts.isEmpty())
        reader.fail(
            QLatin1StringView("sandbox"),
            QStringLiteral("`sandbox: ssh` needs hosts: list them under pool.hosts "
                           "(`- {host: build-01, capacity: 4}`), or name one host with `ssh:<host>`"));
    JsonReader capabilities = reader.object(QLatin1StringView("capabilities"));
    profile.capabilities = Capabilities::read(capabilities);
    JsonReader limits = reader.object(QLatin1StringView("limits"));
    profile.limits = ResourceLimits::read(limits);
    reader.finish();
    return profile;
}

} // namespace delegate
