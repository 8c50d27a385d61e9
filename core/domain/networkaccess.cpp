// SPDX-License-Identifier: GPL-3.0-or-later
#include "networkaccess.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

template<> std::span<const EnumName<NetworkAccess::Mode>> enumNames<NetworkAccess::Mode>()
{
    static constexpr EnumName<NetworkAccess::Mode> names[] = {
        { NetworkAccess::Mode::None, QLatin1StringView("none") },
        { NetworkAccess::Mode::Allowlist, QLatin1StringView("allowlist") },
        { NetworkAccess::Mode::Full, QLatin1StringView("full") },
    };
    return names;
}

QJsonObject NetworkAccess::toJson() const
{
    return {
        { QLatin1String("mode"), enumToString(mode) },
        { QLatin1String("hosts"), json::array(hosts) },
    };
}

NetworkAccess NetworkAccess::read(JsonReader &reader, QLatin1StringView key)
{
    NetworkAccess network;
    if (!reader.value(key).isObject()) {
        network.mode = reader.enumeration<Mode>(key).value_or(Mode::None);
        if (network.mode == Mode::Allowlist) {
            reader.fail(
                key,
                QStringLiteral("an allowlist needs its hosts: write `%1: {mode: allowlist, hosts: [...]}`")
                    .arg(key));
        }
        return network;
    }
    JsonReader object = reader.object(key);
    network.mode =
        object.enumeration<Mode>(QLatin1StringView("mode"), JsonReader::Need::Required).value_or(Mode::None);
    network.hosts = object.textList(QLatin1StringView("hosts"));
    if (network.mode == Mode::Allowlist && network.hosts.isEmpty())
        object.fail(QLatin1StringView("hosts"), QStringLiteral("an allowlist needs at least one host"));
    if (network.mode != Mode::Allowlist && !network.hosts.isEmpty()) {
        object.fail(QLatin1StringView("hosts"),
                    QStringLiteral("hosts only apply to `mode: allowlist`; remove them or change the mode"));
    }
    object.finish();
    return network;
}

} // namespace delegate
