// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoro/QCoroTask>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <chrono>
#include <optional>

namespace delegate::cli {

class EngineConnection;

// Follows runs until each one needs a person or has ended (submit --wait,
// batch --wait), printing each state change unless the command prints JSON.
// It waits for run.updated with a timeout and reads the runs again now and
// then and after dropped notifications, so a missed update only delays it.
class RunWaiter final
{
public:
    static constexpr std::chrono::seconds reloadInterval { 5 };

    // With a batch id, the runs are read back as one list.
    RunWaiter(EngineConnection &connection, QStringList runIds, QString batchId = {});

    // The runs as they stopped (RunSummary each, in the order given), or
    // std::nullopt when the engine failed; the error is printed.
    QCoro::Task<std::optional<QList<QJsonObject>>> wait();

private:
    QCoro::Task<bool> reload();
    void update(const QJsonObject &summary);
    bool stopped(const QString &runId) const;

    EngineConnection &m_connection;
    QStringList m_ids;
    QString m_batchId;
    QHash<QString, QJsonObject> m_runs;
};

} // namespace delegate::cli
