// SPDX-License-Identifier: GPL-3.0-or-later
#include "runwaiter.h"

#include "console.h"
#include "engineconnection.h"
#include "humanformat.h"
#include "notificationinbox.h"
#include "runstates.h"

#include <QDeadlineTimer>
#include <QJsonArray>

#include <algorithm>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

QJsonObject topicsParams(const QStringList &topics)
{
    return { { u"topics"_s, QJsonArray::fromStringList(topics) } };
}

QJsonObject idParams(const QString &runId)
{
    return { { u"run_id"_s, runId } };
}

QJsonObject batchParams(const QString &batchId)
{
    return { { u"batch_id"_s, batchId }, { u"limit"_s, 1000 } };
}

} // namespace

RunWaiter::RunWaiter(EngineConnection &connection, QStringList runIds, QString batchId)
    : m_connection(connection)
    , m_ids(std::move(runIds))
    , m_batchId(std::move(batchId))
{ }

bool RunWaiter::stopped(const QString &runId) const
{
    const QString state = m_runs.value(runId).value("state"_L1).toString();
    return RunStates::hasEnded(state) || RunStates::needsPerson(state);
}

void RunWaiter::update(const QJsonObject &summary)
{
    const QString id = summary.value("id"_L1).toString();
    if (!m_ids.contains(id))
        return;
    const QString before = m_runs.value(id).value("state"_L1).toString();
    m_runs.insert(id, summary);
    const QString state = summary.value("state"_L1).toString();
    if (state == before || m_connection.json())
        return;
    QTextStream &out = m_connection.console().out();
    out << HumanFormat::clock(summary.value("updated_at"_L1).toString()) << "  " << id << "  " << state;
    const QString reason = summary.value("reason"_L1).toString();
    if (!reason.isEmpty() && (RunStates::hasEnded(state) || RunStates::needsPerson(state)))
        out << ": " << reason;
    out << '\n';
    out.flush();
}

QCoro::Task<bool> RunWaiter::reload()
{
    QStringList missing = m_ids;
    if (!m_batchId.isEmpty()) {
        const QJsonObject params = batchParams(m_batchId);
        const std::optional<QJsonObject> listed = co_await m_connection.call(u"runs.list"_s, params);
        if (!listed)
            co_return false;
        const QJsonArray runs = listed->value("runs"_L1).toArray();
        for (const QJsonValue &run : runs) {
            update(run.toObject());
            missing.removeAll(run.toObject().value("id"_L1).toString());
        }
    }
    for (const QString &id : std::as_const(missing)) {
        if (stopped(id))
            continue;
        const QJsonObject params = idParams(id);
        const std::optional<QJsonObject> detail = co_await m_connection.call(u"runs.get"_s, params);
        if (!detail)
            co_return false;
        update(RunStates::summaryOf(*detail));
    }
    co_return true;
}

QCoro::Task<std::optional<QList<QJsonObject>>> RunWaiter::wait()
{
    // Subscribed before the first read, so an update in between is not lost.
    NotificationInbox inbox(&m_connection.client());
    const QJsonObject topics = topicsParams({ u"runs"_s });
    const std::optional<QJsonObject> subscribed = co_await m_connection.call(u"session.subscribe"_s, topics);
    if (!subscribed)
        co_return std::nullopt;
    bool reloadNeeded = true;
    QDeadlineTimer nextReload;
    for (;;) {
        if (reloadNeeded || nextReload.hasExpired()) {
            const bool reloaded = co_await reload();
            if (!reloaded)
                co_return std::nullopt;
            reloadNeeded = false;
            nextReload.setRemainingTime(reloadInterval);
        }
        if (std::all_of(m_ids.cbegin(), m_ids.cend(), [this](const QString &id) { return stopped(id); }))
            break;
        co_await inbox.waitForMore(reloadInterval);
        const QList<NotificationInbox::Notification> received = inbox.take();
        for (const NotificationInbox::Notification &notification : received) {
            if (notification.method == "run.updated"_L1)
                update(notification.params.value("run"_L1).toObject());
        }
        if (inbox.takeResync())
            reloadNeeded = true;
    }
    QList<QJsonObject> runs;
    for (const QString &id : std::as_const(m_ids))
        runs.append(m_runs.value(id));
    co_return runs;
}

} // namespace delegate::cli
