// SPDX-License-Identifier: GPL-3.0-or-later
#include "remotehosts.h"

#include <QJsonObject>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace delegate {

QJsonObject HostHealth::toJson() const
{
    QJsonObject json { { u"host"_s, host },
                       { u"capacity"_s, capacity },
                       { u"running"_s, running },
                       { u"reachable"_s, reachable } };
    if (!sshConfig.isEmpty())
        json.insert(u"ssh_config"_s, sshConfig);
    if (!problem.isEmpty())
        json.insert(u"problem"_s, problem);
    if (load)
        json.insert(u"load"_s, *load);
    if (checkedAt.isValid())
        json.insert(u"checked_at"_s, checkedAt.toString(Qt::ISODateWithMs));
    return json;
}

RemoteHosts::RemoteHosts(SshSandboxOptions defaults, QObject *parent)
    : QObject(parent)
    , m_defaults(std::move(defaults))
{ }

RemoteHosts::~RemoteHosts() = default;

QString RemoteHosts::keyOf(const QString &host, const QString &sshConfig)
{
    return sshConfig + u'\n' + host;
}

RemoteHosts::Entry &RemoteHosts::entry(const QString &host, const QString &sshConfig)
{
    const QString key = keyOf(host, sshConfig);
    auto it = m_hosts.find(key);
    if (it == m_hosts.end()) {
        Entry fresh;
        fresh.health.host = host;
        fresh.health.sshConfig = sshConfig;
        it = m_hosts.insert(key, fresh);
        m_order.append(key);
    }
    return *it;
}

std::optional<QString> RemoteHosts::place(const QString &runId, const EnvironmentProfile &environment,
                                          QString *why)
{
    if (const auto placed = m_placements.constFind(runId); placed != m_placements.cend())
        return placed->host;
    const QList<PoolHost> hosts = environment.sshHosts();
    const QString &config = environment.pool.sshConfig;
    const PoolHost *best = nullptr;
    int bestFree = 0;
    QStringList unreachable;
    for (const PoolHost &candidate : hosts) {
        Entry &known = entry(candidate.host, config);
        known.health.capacity = std::max(known.health.capacity, candidate.capacity);
        if (!known.health.reachable) {
            unreachable.append(u"%1 (%2)"_s.arg(candidate.host, known.health.problem));
            continue;
        }
        const int free = candidate.capacity - known.health.running;
        if (free > bestFree) {
            best = &candidate;
            bestFree = free;
        }
    }
    if (!best) {
        if (why) {
            *why = hosts.isEmpty() ? u"environment '%1' names no SSH host"_s.arg(environment.name)
                : unreachable.size() == hosts.size()
                ? u"no host of environment '%1' is reachable: %2"_s.arg(environment.name,
                                                                        unreachable.join(u"; "_s))
                : u"every reachable host of environment '%1' is full"_s.arg(environment.name);
        }
        return std::nullopt;
    }
    Entry &chosen = entry(best->host, config);
    ++chosen.health.running;
    m_placements.insert(runId, Placement { keyOf(best->host, config), best->host });
    return best->host;
}

QString RemoteHosts::placementOf(const QString &runId) const
{
    return m_placements.value(runId).host;
}

void RemoteHosts::release(const QString &runId)
{
    const auto placed = m_placements.constFind(runId);
    if (placed == m_placements.cend())
        return;
    auto it = m_hosts.find(placed->key);
    if (it != m_hosts.end() && it->health.running > 0)
        --it->health.running;
    m_placements.erase(placed);
    Q_EMIT placesChanged();
}

SshSandbox *RemoteHosts::sandbox(const QString &host, const QString &sshConfig)
{
    Entry &known = entry(host, sshConfig);
    if (!known.sandbox) {
        SshSandboxOptions options = m_defaults;
        options.ssh.host = host;
        options.ssh.configFile = sshConfig;
        known.sandbox = new SshSandbox(options, this);
    }
    return known.sandbox;
}

void RemoteHosts::markUnreachable(const QString &host, const QString &sshConfig, const QString &problem)
{
    Entry &known = entry(host, sshConfig);
    known.health.reachable = false;
    known.health.problem = problem;
    known.health.checkedAt = QDateTime::currentDateTimeUtc();
}

QCoro::Task<void> RemoteHosts::check()
{
    if (m_checking)
        co_return;
    QPointer<RemoteHosts> self(this);
    m_checking = true;
    bool cameBack = false;
    const QStringList keys = m_order;
    for (const QString &key : keys) {
        if (!self)
            co_return;
        const auto it = m_hosts.constFind(key);
        if (it == m_hosts.cend())
            continue;
        const HostHealth known = it->health;
        SshSandbox *probe = sandbox(known.host, known.sshConfig);
        const SandboxResult<double> load = co_await probe->load();
        if (!self)
            co_return;
        Entry &updated = m_hosts[key];
        updated.health.checkedAt = QDateTime::currentDateTimeUtc();
        if (load.ok()) {
            cameBack = cameBack || !updated.health.reachable;
            updated.health.reachable = true;
            updated.health.problem.clear();
            updated.health.load = load.value();
        } else {
            updated.health.reachable = false;
            updated.health.problem = load.error().message;
            updated.health.load.reset();
        }
    }
    m_checking = false;
    if (cameBack)
        Q_EMIT placesChanged();
}

QList<HostHealth> RemoteHosts::health() const
{
    QList<HostHealth> all;
    for (const QString &key : m_order)
        all.append(m_hosts.value(key).health);
    return all;
}

QJsonArray RemoteHosts::toJson() const
{
    QJsonArray array;
    for (const HostHealth &host : health())
        array.append(host.toJson());
    return array;
}

} // namespace delegate
