// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "sandbox/sshsandbox.h"

#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QObject>

#include <optional>

namespace delegate {

// What the engine knows about one remote host.
struct HostHealth
{
    QString host;
    QString sshConfig; // empty: the user's ~/.ssh/config
    int capacity = 0; // the largest capacity a pool gives it
    int running = 0; // runs placed there now
    bool reachable = true; // until a check or a run finds otherwise
    QString problem; // why it is not reachable
    std::optional<double> load; // 1-minute load average at the last check
    QDateTime checkedAt;

    QJsonObject toJson() const;
};

// The SSH hosts of the environments' pools: one SshSandbox per host, which
// runs are placed where, and each host's health. A run goes to the reachable
// host of its pool with the most free places; a host that drops a run is
// taken out of placement until a health check reaches it again.
class RemoteHosts final : public QObject
{
    Q_OBJECT
public:
    explicit RemoteHosts(SshSandboxOptions defaults, QObject *parent = nullptr);
    ~RemoteHosts() override;

    // Places a run of an SSH environment; nullopt (and why) when no host of
    // its pool has a free place.
    std::optional<QString> place(const QString &runId, const EnvironmentProfile &environment, QString *why);
    // The host a run was placed on, empty when none.
    QString placementOf(const QString &runId) const;
    // The run no longer holds its place.
    void release(const QString &runId);

    SshSandbox *sandbox(const QString &host, const QString &sshConfig);

    // A run lost its host, or its host could not be reached.
    void markUnreachable(const QString &host, const QString &sshConfig, const QString &problem);

    // Checks every known host: reachable again, or not, and its load.
    QCoro::Task<void> check();

    QList<HostHealth> health() const;
    QJsonArray toJson() const;

Q_SIGNALS:
    // A host became reachable again or a place became free: waiting runs
    // may start.
    void placesChanged();

private:
    struct Entry
    {
        HostHealth health;
        SshSandbox *sandbox = nullptr; // a child
    };
    struct Placement
    {
        QString key;
        QString host;
    };
    static QString keyOf(const QString &host, const QString &sshConfig);
    Entry &entry(const QString &host, const QString &sshConfig);

    SshSandboxOptions m_defaults;
    QHash<QString, Entry> m_hosts; // by keyOf()
    QStringList m_order; // keys in the order they became known
    QHash<QString, Placement> m_placements; // by run id
    bool m_checking = false;
};

} // namespace delegate
