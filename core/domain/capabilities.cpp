// SPDX-License-Identifier: GPL-3.0-or-later
#include "capabilities.h"

#include "jsonreader.h"
#include "jsonwrite.h"

#include <QRegularExpression>

namespace delegate {

template<>
std::span<const EnumName<Capabilities::RepositoryAccess>> enumNames<Capabilities::RepositoryAccess>()
{
    static constexpr EnumName<Capabilities::RepositoryAccess> names[] = {
        { Capabilities::RepositoryAccess::None, QLatin1StringView("none") },
        { Capabilities::RepositoryAccess::Read, QLatin1StringView("read") },
        { Capabilities::RepositoryAccess::Write, QLatin1StringView("write") },
    };
    return names;
}

QJsonObject Capabilities::toJson() const
{
    return {
        { QLatin1String("repository"), enumToString(repository) },
        { QLatin1String("network"), network.toJson() },
        { QLatin1String("tools"), json::array(tools) },
        { QLatin1String("mounts"), json::array(mounts) },
        { QLatin1String("secrets"), json::array(secrets) },
    };
}

Capabilities Capabilities::read(JsonReader &reader)
{
    Capabilities capabilities;
    capabilities.repository = reader.enumeration<RepositoryAccess>(QLatin1StringView("repository"))
                                  .value_or(RepositoryAccess::None);
    capabilities.network = NetworkAccess::read(reader, QLatin1StringView("network"));
    capabilities.tools = reader.textList(QLatin1StringView("tools"));
    capabilities.mounts = reader.list<Mount>(QLatin1StringView("mounts"), &Mount::read);
    capabilities.secrets = reader.textList(QLatin1StringView("secrets"));

    // A secret is referred to by name; a value typed here would end up in the
    // store, the event log and every export.
    static const QRegularExpression secretName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (const QString &secret : std::as_const(capabilities.secrets)) {
        if (!secretName.match(secret).hasMatch()) {
            const QString name = secret.section(u'=', 0, 0).trimmed();
            reader.fail(
                QLatin1StringView("secrets"),
                QStringLiteral("secrets are names such as GITHUB_TOKEN, never values; `%1` is not a name. "
                               "Keep the value in the engine's secret store and list only its name here")
                    .arg(secret.contains(u'=') ? name + QStringLiteral("=…") : secret));
        }
    }
    reader.finish();
    return capabilities;
}

} // namespace delegate
