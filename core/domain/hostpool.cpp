// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostpool.h"

#include "jsonreader.h"
#include "jsonwrite.h"

#include <QJsonArray>
#include <QSet>

namespace delegate {

QJsonObject PoolHost::toJson() const
{
    return { { QLatin1String("host"), host }, { QLatin1String("capacity"), capacity } };
}

PoolHost PoolHost::read(JsonReader &reader)
{
    PoolHost entry;
    entry.host = reader.text(QLatin1StringView("host"), JsonReader::Need::Required);
    if (!entry.host.isEmpty() && (entry.host.contains(u' ') || entry.host.startsWith(u'-')))
        reader.fail(
            QLatin1StringView("host"),
            QStringLiteral("expected a host name as ~/.ssh/config knows it, got `%1`").arg(entry.host));
    if (const auto capacity = reader.integer(QLatin1StringView("capacity"), 1, HostPool::maximumCapacity))
        entry.capacity = int(*capacity);
    reader.finish();
    return entry;
}

QJsonObject HostPool::toJson() const
{
    QJsonObject json { { QLatin1String("hosts"), json::array(hosts) } };
    if (!sshConfig.isEmpty())
        json.insert(QLatin1String("ssh_config"), sshConfig);
    return json;
}

HostPool HostPool::read(JsonReader &reader)
{
    HostPool pool;
    pool.hosts = reader.list<PoolHost>(QLatin1StringView("hosts"), &PoolHost::read);
    pool.sshConfig = reader.text(QLatin1StringView("ssh_config"));
    QSet<QString> seen;
    for (const PoolHost &entry : std::as_const(pool.hosts)) {
        if (!entry.host.isEmpty() && seen.contains(entry.host))
            reader.fail(QLatin1StringView("hosts"),
                        QStringLiteral("host `%1` is listed twice; list each host once with its capacity")
                            .arg(entry.host));
        seen.insert(entry.host);
    }
    reader.finish();
    return pool;
}

} // namespace delegate
