// SPDX-License-Identifier: GPL-3.0-or-later
#include "watchcommand.h"

#include "commandregistry.h"
#include "console.h"
#include "engineconnection.h"
#include "eventtext.h"
#include "exitcodes.h"
#include "notificationinbox.h"
#include "runstates.h"

#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

// Read back anyway now and then, in case a notification went missing.
constexpr std::chrono::seconds reloadInterval { 5 };
constexpr int eventPage = 500;

const char *const watchUsage =
    "Usage: delegatectl watch RUN [--until-human] [engine options]\n\n"
    "Prints a run's events from the start, then as they happen, one line each: time,\n"
    "actor, kind and the gist (the message, the tool and its arguments, a command's exit\n"
    "code, a state change and why), until the run ends. With --json, one event a line as\n"
    "JSON (JSON Lines).\n\n"
    "  --until-human   stop as soon as the run needs a person too (waiting_for_human,\n"
    "                  in_review, approved)\n\n"
    "Exit codes: what the run came to, as for submit --wait: 0 completed,\n"
    "10 waiting_for_human, 11 in_review, 12 approved, 20 failed, 21 rejected,\n"
    "22 cancelled, 23 interrupted.\n\n"
    "Example:\n"
    "  delegatectl watch run-3f2a9c1b7d4e --until-human\n";

QJsonObject eventsParams(const QString &runId, qint64 after)
{
    return { { u"run_id"_s, runId }, { u"after_sequence"_s, after }, { u"limit"_s, eventPage } };
}

QJsonObject runParams(const QString &runId)
{
    return { { u"run_id"_s, runId } };
}

QJsonObject topicsParams(const QString &runId)
{
    const QStringList topics { u"events:"_s + runId, u"runs"_s };
    return { { u"topics"_s, QJsonArray::fromStringList(topics) } };
}

// Follows one run's history. Notifications only say that something
// happened; what is printed always comes from runs.events after the last
// printed sequence. The engine drops a slow client's oldest notifications
// and says so only once the newer ones have arrived, so printing straight
// from notifications could skip events for good, and reading the log
// cannot.
class RunWatch final
{
public:
    RunWatch(EngineConnection &engine, QString runId, bool untilHuman)
        : m_engine(engine)
        , m_runId(std::move(runId))
        , m_untilHuman(untilHuman)
    { }

    // The exit code.
    QCoro::Task<int> follow()
    {
        NotificationInbox inbox(&m_engine.client());
        const QJsonObject topics = topicsParams(m_runId);
        const std::optional<QJsonObject> subscribed = co_await m_engine.call(u"session.subscribe"_s, topics);
        if (!subscribed)
            co_return m_engine.failureCode();
        const bool caughtUp = co_await catchUp();
        if (!caughtUp)
            co_return m_engine.failureCode();
        const bool loaded = co_await reloadState();
        if (!loaded)
            co_return m_engine.failureCode();
        QDeadlineTimer nextReload(reloadInterval);
        while (!stopped()) {
            co_await inbox.waitForMore(reloadInterval);
            bool newEvents = false;
            const QList<NotificationInbox::Notification> received = inbox.take();
            for (const NotificationInbox::Notification &notification : received) {
                if (notification.method == "event.appended"_L1) {
                    const QJsonObject event = notification.params.value("event"_L1).toObject();
                    newEvents = newEvents
                        || (event.value("run_id"_L1).toString() == m_runId
                            && event.value("sequence"_L1).toInteger() > m_last);
                } else if (notification.method == "run.updated"_L1) {
                    const QJsonObject run = notification.params.value("run"_L1).toObject();
                    if (run.value("id"_L1).toString() == m_runId)
                        m_run = run;
                }
            }
            const bool reload = inbox.takeResync() || nextReload.hasExpired();
            if (newEvents || reload) {
                const bool read = co_await catchUp();
                if (!read)
                    co_return m_engine.failureCode();
            }
            if (reload) {
                const bool reloaded = co_await reloadState();
                if (!reloaded)
                    co_return m_engine.failureCode();
                nextReload.setRemainingTime(reloadInterval);
            }
        }
        // The events that brought the run here may be logged after its update arrived.
        const bool drained = co_await catchUp();
        if (!drained)
            co_return m_engine.failureCode();
        const QString state = m_run.value("state"_L1).toString();
        if (!m_engine.json()) {
            QTextStream &out = m_engine.console().out();
            out << m_runId << " is " << state;
            const QString reason = m_run.value("reason"_L1).toString();
            if (!reason.isEmpty())
                out << ": " << reason;
            out << '\n';
            const QString next = RunStates::nextStep(state, m_runId);
            if (!next.isEmpty())
                out << "Next: " << next << '\n';
            out.flush();
        }
        co_return RunStates::exitCode(state);
    }

private:
    bool stopped() const
    {
        const QString state = m_run.value("state"_L1).toString();
        return RunStates::hasEnded(state) || (m_untilHuman && RunStates::needsPerson(state));
    }

    // Prints every event after the last printed one.
    QCoro::Task<bool> catchUp()
    {
        for (;;) {
            const QJsonObject params = eventsParams(m_runId, m_last);
            const std::optional<QJsonObject> page = co_await m_engine.call(u"runs.events"_s, params);
            if (!page)
                co_return false;
            const QJsonArray events = page->value("events"_L1).toArray();
            for (const QJsonValue &value : events)
                print(value.toObject());
            if (events.size() < eventPage)
                co_return true;
        }
    }

    QCoro::Task<bool> reloadState()
    {
        const QJsonObject params = runParams(m_runId);
        const std::optional<QJsonObject> detail = co_await m_engine.call(u"runs.get"_s, params);
        if (!detail)
            co_return false;
        m_run = RunStates::summaryOf(*detail);
        co_return true;
    }

    void print(const QJsonObject &event)
    {
        const qint64 sequence = event.value("sequence"_L1).toInteger();
        if (sequence <= m_last)
            return;
        m_last = sequence;
        QTextStream &out = m_engine.console().out();
        if (m_engine.json())
            out << QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)) << '\n';
        else
            out << EventText::line(event) << '\n';
        out.flush();
    }

    EngineConnection &m_engine;
    QString m_runId;
    bool m_untilHuman;
    qint64 m_last = 0;
    QJsonObject m_run;
};

} // namespace

QStringList WatchCommand::path() const
{
    return { u"watch"_s };
}

QString WatchCommand::summary() const
{
    return u"print a run's events as they happen, until it ends"_s;
}

QCoro::Task<int> WatchCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"watch"_s, watchUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption untilHumanOption(u"until-human"_s, u"stop when the run needs a person"_s);
    parser.addOption(untilHumanOption);
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (const std::optional<int> wrong = engine.checkOneRun(positional))
        co_return *wrong;
    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    RunWatch watch(engine, positional.constFirst(), parser.isSet(untilHumanOption));
    const int code = co_await watch.follow();
    co_return code;
}

void registerWatchCommand(CommandRegistry &registry)
{
    registry.add(std::make_unique<WatchCommand>());
}

} // namespace delegate::cli
