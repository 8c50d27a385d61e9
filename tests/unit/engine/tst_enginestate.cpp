// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's state folded from lifecycle events: a run's whole life
// replayed from a hand-built sequence, the same sequence replayed from a real
// store, and events that contradict the state reported and skipped.
#include "domain/event.h"
#include "engine/engine.h"
#include "engine/enginestate.h"
#include "engine/lifecycleevents.h"
#include "store/eventreader.h"
#include "store/eventstore.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

Q_DECLARE_METATYPE(delegate::RunState)

namespace {

const QString runId = u"run-1"_s;
const QDateTime dayOne = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

// Builds events the way the engine records them, with consecutive sequences.
class Sequence
{
public:
    QList<Event> events;

    Sequence &add(const QString &kind, QJsonObject payload, const QString &run = runId,
                  const QString &actor = u"system"_s)
    {
        Event event;
        event.sequence = events.size() + 1;
        event.runId = run;
        event.time = dayOne.addSecs(60 * event.sequence);
        event.actor = actor;
        event.kind = kind;
        event.payload = std::move(payload);
        events.append(event);
        return *this;
    }
    Sequence &state(RunState from, RunState to, const QString &reason = {})
    {
        return add(
            lifecycle::stateChanged,
            { { u"from"_s, enumToString(from) }, { u"to"_s, enumToString(to) }, { u"reason"_s, reason } });
    }
};

QJsonObject submission(const QString &id, const QString &batch = {}, int priority = 0)
{
    Run run;
    run.id = id;
    run.task.title = u"Fix add()"_s;
    run.task.objective = u"Make the failing test in tests/test_sum.py pass."_s;
    run.environment = u"python"_s;
    run.batchId = batch;
    EnvironmentProfile environment;
    environment.name = u"python"_s;
    return { { u"run"_s, run.toJson() },
             { u"environment"_s, environment.toJson() },
             { u"priority"_s, priority } };
}

QJsonObject checkpointOpened(const QString &id, Checkpoint::Kind kind, const QString &run = runId)
{
    Checkpoint checkpoint;
    checkpoint.id = id;
    checkpoint.runId = run;
    checkpoint.kind = kind;
    checkpoint.prompt = u"Fix sum.py or the test?"_s;
    return { { u"checkpoint"_s, checkpoint.toJson() } };
}

Decision decision(const QString &checkpointId, Decision::Verdict verdict, const QString &text = {})
{
    Decision decided;
    decided.checkpointId = checkpointId;
    decided.decider = u"user:grace"_s;
    decided.role = Role::Reviewer;
    decided.verdict = verdict;
    decided.text = text;
    decided.decidedAt = dayOne;
    return decided;
}

QJsonObject decided(const QString &checkpointId, Decision::Verdict verdict, const QString &text = {})
{
    return { { u"decision"_s, decision(checkpointId, verdict, text).toJson() } };
}

QJsonObject artifact(int version, const QString &diff)
{
    Artifact artifact;
    artifact.runId = runId;
    artifact.version = version;
    artifact.summary = u"add() adds now"_s;
    artifact.content = PatchContent { diff, { { u"sum.py"_s, 1, 1 } } };
    artifact.createdAt = dayOne;
    return { { u"artifact"_s, artifact.toJson() } };
}

QJsonObject reviewed(int version, Decision::Verdict verdict)
{
    Decision review = decision(u"%1:v%2"_s.arg(runId).arg(version), verdict, u"see the comments"_s);
    if (verdict == Decision::Verdict::RequestChanges)
        review.comments = { { u"sum.py"_s, 7, u"Add a docstring example."_s } };
    return { { u"version"_s, version }, { u"decision"_s, review.toJson() } };
}

QJsonObject usage(qint64 in, qint64 out, double cost)
{
    return { { u"input_tokens"_s, in }, { u"output_tokens"_s, out }, { u"cost_usd"_s, cost } };
}

// Submitted, provisioned, asked a question that was answered, v1 with
// changes requested, v2 approved — with the agent's own events between.
Sequence wholeLife()
{
    using S = RunState;
    const QString question = runId + u":call_1"_s;
    Sequence sequence;
    sequence.add(lifecycle::submitted, submission(runId), runId, u"user:ada"_s)
        .state(S::Queued, S::Provisioning)
        .add(lifecycle::provisioned,
             { { u"workspace"_s, QJsonObject { { u"path"_s, u"/w/run-1/tree"_s } } },
               { u"base_commit"_s, u"abc123"_s },
               { u"host"_s, u"local"_s } })
        .state(S::Provisioning, S::Running)
        .add(u"agent.started"_s, { { u"runtime"_s, u"builtin"_s } }, runId, u"agent"_s)
        .add(u"tool.call"_s, { { u"id"_s, u"call_1"_s }, { u"name"_s, u"ask_human"_s } }, runId, u"agent"_s)
        .add(lifecycle::checkpointOpened, checkpointOpened(question, Checkpoint::Kind::Question))
        .state(S::Running, S::WaitingForHuman)
        .add(lifecycle::checkpointDecided, decided(question, Decision::Verdict::Answer, u"sum.py"_s), runId,
             u"user:grace"_s)
        .state(S::WaitingForHuman, S::Running)
        .add(lifecycle::usage, usage(1000, 200, 0.25))
        .add(lifecycle::artifactSubmitted, artifact(1, u"-    return a - b\n+    return a + b\n"_s))
        .state(S::Running, S::InReview)
        .add(lifecycle::reviewDecided, reviewed(1, Decision::Verdict::RequestChanges), runId, u"user:grace"_s)
        .state(S::InReview, S::ChangesRequested)
        .state(S::ChangesRequested, S::Running)
        .add(lifecycle::steered, { { u"text"_s, u"Keep it short."_s } }, runId, u"user:ada"_s)
        .add(lifecycle::usage, usage(2500, 400, 0.75))
        .add(lifecycle::artifactSubmitted, artifact(2, u"+    \"\"\">>> add(1, 2)\"\"\"\n"_s))
        .state(S::Running, S::InReview)
        .add(lifecycle::reviewDecided, reviewed(2, Decision::Verdict::Approve), runId, u"user:grace"_s)
        .state(S::InReview, S::Approved);
    return sequence;
}

void checkWholeLife(const EngineState &state)
{
    const RunRecord *record = state.run(runId);
    QVERIFY(record);
    QCOMPARE(record->run.state, RunState::Approved);
    QCOMPARE(record->run.baseCommit, u"abc123"_s);
    QCOMPARE(record->run.usage.tokensIn, 2500);
    QCOMPARE(record->run.usage.costUsd, 0.75);
    QCOMPARE(record->checkpoints.size(), 1);
    QVERIFY(record->checkpoints.constFirst().decision);
    QCOMPARE(record->checkpoints.constFirst().decision->text, u"sum.py"_s);
    QCOMPARE(record->checkpoints.constFirst().checkpoint.state, Checkpoint::State::Decided);
    QVERIFY(record->openCheckpoints().isEmpty());
    QCOMPARE(record->artifacts.size(), 2);
    QCOMPARE(record->latestArtifact()->version, 2);
    QCOMPARE(record->reviews.size(), 2);
    QCOMPARE(record->reviews.constFirst().comments.constFirst().line, 7);
    QCOMPARE(record->steering, QStringList { u"Keep it short."_s });
    QCOMPARE(record->startedAt, dayOne.addSecs(60 * 2));
    QCOMPARE(state.runOfCheckpoint(runId + u":call_1"_s), record);
    QCOMPARE(state.costOn(dayOne.date()), 0.75);

    const QJsonObject detail = record->detailJson();
    const QJsonArray artifacts = detail.value("artifacts"_L1).toArray();
    QCOMPARE(artifacts.size(), 2);
    QVERIFY(artifacts.at(0)
                .toObject()
                .value("content"_L1)
                .toObject()
                .value("diff"_L1)
                .toString()
                .contains(u"return a + b"_s));
    QCOMPARE(detail.value("checkpoints"_L1)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("decision"_L1)
                 .toObject()
                 .value("decider"_L1),
             u"user:grace"_s);
    const QJsonObject summary = record->summaryJson();
    QVERIFY(!summary.contains("task"_L1));
    QCOMPARE(summary.value("state"_L1).toString(), u"approved"_s);
    QCOMPARE(summary.value("artifact_versions"_L1).toInt(), 2);
    QCOMPARE(summary.value("title"_L1).toString(), u"Fix add()"_s);
}

} // namespace

class TestEngineState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void foldsAWholeLife()
    {
        EngineState state;
        for (const Event &event : wholeLife().events) {
            QString error;
            const EngineState::Outcome outcome = state.apply(event, &error);
            QVERIFY2(outcome != EngineState::Outcome::Contradiction, qPrintable(error));
            QCOMPARE(outcome == EngineState::Outcome::Ignored, !lifecycle::isLifecycle(event.kind));
        }
        checkWholeLife(state);
        QCOMPARE(state.lastSequence(), wholeLife().events.constLast().sequence);
    }

    void replaysFromAStore()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"events.db"_s);
        {
            EventStore store;
            QVERIFY(!store.open({ path }));
            for (const Event &event : wholeLife().events) {
                const AppendResult appended =
                    store.appendAndWait({ event.runId, event.actor, event.kind, event.payload });
                QVERIFY2(appended.ok(), qPrintable(appended.error));
            }
        }
        EventReader reader;
        QVERIFY(!reader.open(path));
        EngineState state;
        QStringList contradictions;
        QVERIFY(!state.replay(reader.events(), &contradictions));
        QVERIFY2(contradictions.isEmpty(), qPrintable(contradictions.join(u'\n')));
        const RunRecord *record = state.run(runId);
        QVERIFY(record);
        QCOMPARE(record->run.state, RunState::Approved);
        QCOMPARE(record->artifacts.size(), 2);
        QCOMPARE(record->reviews.size(), 2);
    }

    void reportsContradictions_data()
    {
        using S = RunState;
        QTest::addColumn<QList<Event>>("events");
        QTest::addColumn<QString>("message");
        QTest::addColumn<RunState>("stateAfter");

        auto base = [] {
            return Sequence().add(lifecycle::submitted, submission(runId));
        };
        auto running = [&] {
            return base().state(S::Queued, S::Provisioning).state(S::Provisioning, S::Running);
        };
        const QString question = runId + u":call_1"_s;

        QTest::addRow("skips a state") << base().state(S::Queued, S::Running).events
                                       << u"cannot go from queued to running"_s << S::Queued;
        QTest::addRow("from another state")
            << base().state(S::Running, S::Failed).events
            << u"moves the run from running, but the run is queued"_s << S::Queued;
        QTest::addRow("leaves a final state")
            << base().state(S::Queued, S::Cancelled).state(S::Cancelled, S::Provisioning).events
            << u"cannot go from cancelled to provisioning"_s << S::Cancelled;
        QTest::addRow("unknown state")
            << base().add(lifecycle::stateChanged, { { u"to"_s, u"sleeping"_s } }).events
            << u"unknown state 'sleeping'"_s << S::Queued;
        QTest::addRow("submitted twice") << base().add(lifecycle::submitted, submission(runId)).events
                                         << u"submitted before"_s << S::Queued;
        QTest::addRow("unknown run") << base().add(lifecycle::usage, usage(1, 1, 0), u"run-9"_s).events
                                     << u"no such run"_s << S::Queued;
        QTest::addRow("decides an unknown checkpoint")
            << running()
                   .add(lifecycle::checkpointDecided, decided(question, Decision::Verdict::Answer))
                   .events
            << u"no checkpoint 'run-1:call_1'"_s << S::Running;
        QTest::addRow("decides twice")
            << running()
                   .add(lifecycle::checkpointOpened, checkpointOpened(question, Checkpoint::Kind::Question))
                   .add(lifecycle::checkpointDecided, decided(question, Decision::Verdict::Answer))
                   .add(lifecycle::checkpointDecided, decided(question, Decision::Verdict::Answer))
                   .events
            << u"decided before"_s << S::Running;
        QTest::addRow("opens a checkpoint of another run")
            << running()
                   .add(lifecycle::checkpointOpened,
                        checkpointOpened(question, Checkpoint::Kind::Question, u"run-2"_s))
                   .events
            << u"belongs to run 'run-2'"_s << S::Running;
        QTest::addRow("skips a version")
            << running().add(lifecycle::artifactSubmitted, artifact(2, u"+x\n"_s)).events
            << u"version 2, but the run has 0 version(s)"_s << S::Running;
        QTest::addRow("reviews before an artifact")
            << running().add(lifecycle::reviewDecided, reviewed(1, Decision::Verdict::Approve)).events
            << u"not the run's latest artifact"_s << S::Running;
        QTest::addRow("reviews twice")
            << running()
                   .add(lifecycle::artifactSubmitted, artifact(1, u"+x\n"_s))
                   .add(lifecycle::reviewDecided, reviewed(1, Decision::Verdict::Approve))
                   .add(lifecycle::reviewDecided, reviewed(1, Decision::Verdict::Reject))
                   .events
            << u"reviewed before"_s << S::Running;
        QTest::addRow("pauses twice")
            << running().add(lifecycle::paused, {}).add(lifecycle::paused, {}).events << u"paused already"_s
            << S::Running;
    }
    void reportsContradictions()
    {
        QFETCH(QList<Event>, events);
        QFETCH(QString, message);
        QFETCH(RunState, stateAfter);
        EngineState state;
        for (qsizetype i = 0; i < events.size() - 1; ++i) {
            QString error;
            QVERIFY2(state.apply(events.at(i), &error) != EngineState::Outcome::Contradiction,
                     qPrintable(error));
        }
        const RunRecord before = *state.run(runId);
        QString error;
        QCOMPARE(state.apply(events.constLast(), &error), EngineState::Outcome::Contradiction);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(
            error.startsWith(u"event %1 (%2"_s.arg(events.constLast().sequence).arg(events.constLast().kind)),
            qPrintable(error));
        const RunRecord *after = state.run(runId);
        QCOMPARE(after->run.state, stateAfter);
        QCOMPARE(after->checkpoints.size(), before.checkpoints.size());
        QCOMPARE(after->artifacts.size(), before.artifacts.size());
        QCOMPARE(after->reviews.size(), before.reviews.size());
        QCOMPARE(after->paused, before.paused);
    }

    void countsSpendingPerDayAndBatch()
    {
        Sequence sequence;
        sequence.add(lifecycle::submitted, submission(u"a"_s, u"batch-1"_s), u"a"_s)
            .add(lifecycle::submitted, submission(u"b"_s, u"batch-1"_s), u"b"_s)
            .add(lifecycle::submitted, submission(u"c"_s), u"c"_s)
            .add(lifecycle::usage, usage(10, 10, 1.0), u"a"_s)
            .add(lifecycle::usage, usage(20, 20, 1.5), u"a"_s)
            .add(lifecycle::usage, usage(10, 10, 2.0), u"b"_s)
            .add(lifecycle::usage, usage(10, 10, 4.0), u"c"_s);
        // The last usage of each run comes a day later.
        sequence.events[6].time = dayOne.addDays(1);
        sequence.events[5].time = dayOne.addDays(1);
        EngineState state;
        for (const Event &event : std::as_const(sequence.events))
            QCOMPARE(state.apply(event), EngineState::Outcome::Applied);
        QCOMPARE(state.costOn(dayOne.date()), 1.5);
        QCOMPARE(state.costOn(dayOne.date().addDays(1)), 6.0);
        QCOMPARE(state.costOn(dayOne.date().addDays(2)), 0.0);
        QCOMPARE(state.batchCost(u"batch-1"_s), 3.5);
        QCOMPARE(state.batchCost(QString()), 0.0);
    }

    void approvedBudgetLetsTheRunStart()
    {
        const QString budget = runId + u":budget"_s;
        Sequence sequence;
        sequence.add(lifecycle::submitted, submission(runId))
            .add(lifecycle::checkpointOpened, checkpointOpened(budget, Checkpoint::Kind::Budget));
        EngineState state;
        for (const Event &event : std::as_const(sequence.events))
            state.apply(event);
        QVERIFY(state.run(runId)->hasOpenCheckpoint(Checkpoint::Kind::Budget));
        QVERIFY(!state.run(runId)->budgetApproved);
        Sequence decision;
        decision.add(lifecycle::checkpointDecided, decided(budget, Decision::Verdict::Approve));
        decision.events[0].sequence = 3;
        QCOMPARE(state.apply(decision.events.constFirst()), EngineState::Outcome::Applied);
        QVERIFY(state.run(runId)->budgetApproved);
        QVERIFY(!state.run(runId)->hasOpenCheckpoint(Checkpoint::Kind::Budget));
    }

    void remembersWhereTheEngineStopped()
    {
        using S = RunState;
        Sequence sequence;
        sequence.add(lifecycle::submitted, submission(runId))
            .state(S::Queued, S::Provisioning)
            .state(S::Provisioning, S::Running)
            .state(S::Running, S::Interrupted, u"the engine stopped while the run was running"_s);
        EngineState state;
        for (const Event &event : std::as_const(sequence.events))
            state.apply(event);
        QCOMPARE(state.run(runId)->interruptedFrom, S::Running);
        QCOMPARE(state.run(runId)->lastReason, u"the engine stopped while the run was running"_s);
        QCOMPARE(state.run(runId)->summaryJson().value("reason"_L1).toString(),
                 u"the engine stopped while the run was running"_s);
    }
};

QTEST_GUILESS_MAIN(TestEngineState)
#include "tst_enginestate.moc"
