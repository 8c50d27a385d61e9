// SPDX-License-Identifier: GPL-3.0-or-later
// The team's figures from runs whose every step has a known time: four runs
// over a week (one approved first time, one after changes, one failed, one
// still waiting for a person) and one outside the period, folded by the
// engine's own state, then counted by day and by week. Every figure is
// compared with the value worked out by hand in the comments.
#include "audit/runfigures.h"
#include "domain/event.h"
#include "engine/enginestate.h"
#include "engine/lifecycleevents.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

using S = RunState;

QDateTime at(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2024, month, day), QTime(hour, minute), Qt::UTC);
}

// Builds one store's worth of lifecycle events with the times given.
class Log
{
public:
    EngineState state;

    void add(const QString &run, const QDateTime &time, const QString &kind, const QJsonObject &payload,
             const QString &actor = u"system"_s)
    {
        Event event;
        event.sequence = ++m_sequence;
        event.runId = run;
        event.time = time;
        event.actor = actor;
        event.kind = kind;
        event.payload = payload;
        QString error;
        if (state.apply(event, &error) == EngineState::Outcome::Contradiction)
            qFatal("%s", qPrintable(error));
    }

    void submit(const QString &run, const QDateTime &time, const QString &skill)
    {
        Run submitted;
        submitted.id = run;
        submitted.task.title = run;
        submitted.task.objective = u"Figures."_s;
        submitted.task.skill.name = skill;
        submitted.environment = u"python"_s;
        submitted.createdAt = time;
        EnvironmentProfile environment;
        environment.name = u"python"_s;
        add(run, time, lifecycle::submitted,
            { { u"run"_s, submitted.toJson() }, { u"environment"_s, environment.toJson() } }, u"user:ada"_s);
    }

    void move(const QString &run, const QDateTime &time, S from, S to)
    {
        add(run, time, lifecycle::stateChanged,
            { { u"from"_s, enumToString(from) }, { u"to"_s, enumToString(to) }, { u"reason"_s, QString() } });
    }

    void handIn(const QString &run, const QDateTime &time, int version)
    {
        Artifact artifact;
        artifact.runId = run;
        artifact.version = version;
        artifact.summary = u"v%1"_s.arg(version);
        artifact.content = PatchContent { u"+x\n"_s, { { u"x.py"_s, 1, 0 } } };
        artifact.createdAt = time;
        add(run, time, lifecycle::artifactSubmitted, { { u"artifact"_s, artifact.toJson() } });
    }

    void review(const QString &run, const QDateTime &time, int version, Decision::Verdict verdict)
    {
        Decision decision;
        decision.checkpointId = u"%1:v%2"_s.arg(run).arg(version);
        decision.decider = u"user:grace"_s;
        decision.verdict = verdict;
        decision.text = u"reviewed"_s;
        decision.decidedAt = time;
        add(run, time, lifecycle::reviewDecided,
            { { u"version"_s, version }, { u"decision"_s, decision.toJson() } }, u"user:grace"_s);
    }

    void spend(const QString &run, const QDateTime &time, double usd)
    {
        add(run, time, lifecycle::usage,
            { { u"input_tokens"_s, 10 }, { u"output_tokens"_s, 5 }, { u"cost_usd"_s, usd } });
    }

    // The runs reviewed in the period and one before it.
    void fill()
    {
        // A: "flaky", waits 10 min for a person, v1 approved an hour after submission. $1.25.
        submit(u"run-a"_s, at(5, 1, 10), u"flaky"_s);
        move(u"run-a"_s, at(5, 1, 10, 1), S::Queued, S::Provisioning);
        move(u"run-a"_s, at(5, 1, 10, 2), S::Provisioning, S::Running);
        move(u"run-a"_s, at(5, 1, 10, 5), S::Running, S::WaitingForHuman);
        move(u"run-a"_s, at(5, 1, 10, 15), S::WaitingForHuman, S::Running);
        spend(u"run-a"_s, at(5, 1, 10, 18), 1.25);
        handIn(u"run-a"_s, at(5, 1, 10, 19), 1);
        move(u"run-a"_s, at(5, 1, 10, 20), S::Running, S::InReview);
        review(u"run-a"_s, at(5, 1, 11), 1, Decision::Verdict::Approve);
        move(u"run-a"_s, at(5, 1, 11), S::InReview, S::Approved);
        move(u"run-a"_s, at(5, 1, 11, 1), S::Approved, S::Applying);
        move(u"run-a"_s, at(5, 1, 11, 2), S::Applying, S::Completed);

        // B: "flaky", changes requested 30 min after submission, v2 approved. $0.50.
        submit(u"run-b"_s, at(5, 1, 12), u"flaky"_s);
        move(u"run-b"_s, at(5, 1, 12, 1), S::Queued, S::Provisioning);
        move(u"run-b"_s, at(5, 1, 12, 2), S::Provisioning, S::Running);
        spend(u"run-b"_s, at(5, 1, 12, 10), 0.5);
        handIn(u"run-b"_s, at(5, 1, 12, 20), 1);
        move(u"run-b"_s, at(5, 1, 12, 20), S::Running, S::InReview);
        review(u"run-b"_s, at(5, 1, 12, 30), 1, Decision::Verdict::RequestChanges);
        move(u"run-b"_s, at(5, 1, 12, 30), S::InReview, S::ChangesRequested);
        move(u"run-b"_s, at(5, 1, 12, 31), S::ChangesRequested, S::Running);
        handIn(u"run-b"_s, at(5, 1, 12, 50), 2);
        move(u"run-b"_s, at(5, 1, 12, 50), S::Running, S::InReview);
        review(u"run-b"_s, at(5, 1, 13), 2, Decision::Verdict::Approve);
        move(u"run-b"_s, at(5, 1, 13), S::InReview, S::Approved);

        // C: no skill, fails on the second day. $0.10.
        submit(u"run-c"_s, at(5, 2, 9), QString());
        move(u"run-c"_s, at(5, 2, 9, 1), S::Queued, S::Provisioning);
        move(u"run-c"_s, at(5, 2, 9, 2), S::Provisioning, S::Running);
        spend(u"run-c"_s, at(5, 2, 9, 5), 0.1);
        move(u"run-c"_s, at(5, 2, 9, 10), S::Running, S::Failed);

        // D: "report", Monday of the next week, waiting for a person since 08:10.
        submit(u"run-d"_s, at(5, 6, 8), u"report"_s);
        move(u"run-d"_s, at(5, 6, 8, 1), S::Queued, S::Provisioning);
        move(u"run-d"_s, at(5, 6, 8, 2), S::Provisioning, S::Running);
        move(u"run-d"_s, at(5, 6, 8, 10), S::Running, S::WaitingForHuman);

        // E: the day before the period; never counted.
        submit(u"run-e"_s, at(4, 30, 23, 59), u"flaky"_s);
        spend(u"run-e"_s, at(5, 1, 0, 30), 9.0);
    }

private:
    qint64 m_sequence = 0;
};

QJsonObject figures(const Log &log, const QJsonObject &params)
{
    const QDateTime now = at(5, 6, 9); // D has waited 50 min by now
    QList<RunFacts> facts;
    for (const RunRecord *record : log.state.runs())
        facts.append(RunFacts::of(*record, u"builtin · openai/gpt"_s, now));
    QString error;
    const std::optional<FiguresRequest> request = FiguresRequest::fromJson(params, now.date(), &error);
    if (!request)
        qFatal("%s", qPrintable(error));
    return runfigures::compute(facts, *request);
}

QJsonObject period(const QJsonObject &figures, const QString &start)
{
    const QJsonArray periods = figures.value("periods"_L1).toArray();
    for (const QJsonValue &value : periods) {
        if (value.toObject().value("start"_L1).toString() == start)
            return value.toObject();
    }
    return {};
}

} // namespace

class TestRunFigures final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byDay()
    {
        Log log;
        log.fill();
        const QJsonObject result = figures(
            log,
            { { u"from"_s, u"2024-05-01"_s }, { u"to"_s, u"2024-05-06"_s }, { u"group_by"_s, u"day"_s } });
        QCOMPARE(result.value("periods"_L1).toArray().size(), 6); // every day, empty ones too

        const QJsonObject first = period(result, u"2024-05-01"_s);
        QCOMPARE(first.value("runs"_L1).toInt(), 2);
        QCOMPARE(first.value("outcomes"_L1).toObject().value("completed"_L1).toInt(), 1);
        QCOMPARE(first.value("outcomes"_L1).toObject().value("approved"_L1).toInt(), 1);
        QCOMPARE(first.value("reviewed"_L1).toInt(), 2);
        QCOMPARE(first.value("median_seconds_to_review"_L1).toDouble(), 2700.0); // (3600 + 1800) / 2
        QCOMPARE(first.value("waiting_for_human_seconds"_L1).toDouble(), 600.0);
        QCOMPARE(first.value("cost_usd"_L1).toDouble(), 1.75);

        const QJsonObject second = period(result, u"2024-05-02"_s);
        QCOMPARE(second.value("outcomes"_L1).toObject().value("failed"_L1).toInt(), 1);
        QVERIFY(second.value("median_seconds_to_review"_L1).isNull());
        QCOMPARE(period(result, u"2024-05-03"_s).value("runs"_L1).toInt(), 0);
        const QJsonObject monday = period(result, u"2024-05-06"_s);
        QCOMPARE(monday.value("outcomes"_L1).toObject().value("open"_L1).toInt(), 1);
        QCOMPARE(monday.value("waiting_for_human_seconds"_L1).toDouble(),
                 3000.0); // 08:10 to 09:00, still waiting

        const QJsonObject totals = result.value("totals"_L1).toObject();
        QCOMPARE(totals.value("runs"_L1).toInt(), 4); // run-e was submitted before the period
        QCOMPARE(totals.value("cost_usd"_L1).toDouble(), 1.85);
        QCOMPARE(totals.value("reviewed"_L1).toInt(), 2);
        QCOMPARE(totals.value("median_seconds_to_review"_L1).toDouble(), 2700.0);
        QCOMPARE(totals.value("waiting_for_human_seconds"_L1).toDouble(), 3600.0);
        QCOMPARE(totals.value("runs_that_waited"_L1).toInt(), 2);
        QCOMPARE(totals.value("first_pass_rate"_L1).toDouble(), 0.5);

        const QJsonArray bySkill = result.value("cost_by_skill"_L1).toArray();
        QCOMPARE(bySkill.size(), 3);
        QCOMPARE(bySkill.at(0).toObject(),
                 (QJsonObject { { u"name"_s, u"flaky"_s }, { u"runs"_s, 2 }, { u"cost_usd"_s, 1.75 } }));
        QCOMPARE(bySkill.at(1).toObject(),
                 (QJsonObject { { u"name"_s, u"(no skill)"_s }, { u"runs"_s, 1 }, { u"cost_usd"_s, 0.1 } }));
        QCOMPARE(bySkill.at(2).toObject().value("name"_L1).toString(), u"report"_s);
        QCOMPARE(
            result.value("cost_by_agent"_L1).toArray(),
            (QJsonArray { QJsonObject {
                { u"name"_s, u"builtin · openai/gpt"_s }, { u"runs"_s, 4 }, { u"cost_usd"_s, 1.85 } } }));
        // Only reviewed runs count: A approved first time, B after changes.
        QCOMPARE(result.value("first_pass_by_skill"_L1).toArray(),
                 (QJsonArray { QJsonObject { { u"name"_s, u"flaky"_s },
                                             { u"reviewed"_s, 2 },
                                             { u"approved_first_time"_s, 1 },
                                             { u"rate"_s, 0.5 } } }));
    }

    void byWeek()
    {
        Log log;
        log.fill();
        const QJsonObject result = figures(
            log,
            { { u"from"_s, u"2024-05-01"_s }, { u"to"_s, u"2024-05-12"_s }, { u"group_by"_s, u"week"_s } });
        const QJsonArray periods = result.value("periods"_L1).toArray();
        QCOMPARE(periods.size(), 2);
        // Weeks start on Monday, even when the period starts on a Wednesday.
        QCOMPARE(periods.at(0).toObject().value("start"_L1).toString(), u"2024-04-29"_s);
        QCOMPARE(periods.at(0).toObject().value("runs"_L1).toInt(), 3);
        QCOMPARE(periods.at(0).toObject().value("outcomes"_L1).toObject().value("failed"_L1).toInt(), 1);
        QCOMPARE(periods.at(1).toObject().value("start"_L1).toString(), u"2024-05-06"_s);
        QCOMPARE(periods.at(1).toObject().value("runs"_L1).toInt(), 1);
    }

    void aRevisedVersionIsNotAFirstPass()
    {
        Log log;
        log.submit(u"run-r"_s, at(5, 1, 10), u"report"_s);
        log.move(u"run-r"_s, at(5, 1, 10, 1), S::Queued, S::Provisioning);
        log.move(u"run-r"_s, at(5, 1, 10, 2), S::Provisioning, S::Running);
        log.handIn(u"run-r"_s, at(5, 1, 10, 3), 1);
        log.move(u"run-r"_s, at(5, 1, 10, 3), S::Running, S::InReview);
        log.handIn(u"run-r"_s, at(5, 1, 10, 4), 2); // a person edited it before approving
        log.review(u"run-r"_s, at(5, 1, 10, 5), 2, Decision::Verdict::Approve);
        const QJsonObject result =
            figures(log, { { u"from"_s, u"2024-05-01"_s }, { u"to"_s, u"2024-05-01"_s } });
        QCOMPARE(result.value("totals"_L1).toObject().value("first_pass_rate"_L1).toDouble(), 0.0);
    }

    void badParamsSayWhatToDo_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("message");
        QTest::addRow("not a day") << QJsonObject { { u"from"_s, u"May 1st"_s } }
                                   << u"params.from must be a day"_s;
        QTest::addRow("backwards") << QJsonObject { { u"from"_s, u"2024-05-02"_s },
                                                    { u"to"_s, u"2024-05-01"_s } }
                                   << u"swap them"_s;
        QTest::addRow("grouping") << QJsonObject { { u"group_by"_s, u"month"_s } }
                                  << u"neither \"day\" nor \"week\""_s;
        QTest::addRow("too many days")
            << QJsonObject { { u"from"_s, u"2020-01-01"_s }, { u"to"_s, u"2024-01-01"_s } }
            << u"group by week"_s;
    }

    void badParamsSayWhatToDo()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!FiguresRequest::fromJson(params, QDate(2024, 5, 6), &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void defaultsToTheLastThirtyDays()
    {
        const auto request = FiguresRequest::fromJson({}, QDate(2024, 5, 30), nullptr);
        QVERIFY(request);
        QCOMPARE(request->from, QDate(2024, 5, 1));
        QCOMPARE(request->to, QDate(2024, 5, 30));
        QCOMPARE(request->groupBy, FiguresRequest::Grouping::Day);
    }
};

QTEST_GUILESS_MAIN(TestRunFigures)
#include "tst_runfigures.moc"
