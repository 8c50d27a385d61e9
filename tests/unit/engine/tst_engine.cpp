// SPDX-License-Identifier: GPL-3.0-or-later
// The engine in one process with everything real: the event store in a temp
// file, git worktrees, the bubblewrap sandbox and the scripted model
// provider. A run asks a question, hands in a patch, gets changes requested
// with a line comment and is approved; agents and auditors cannot decide;
// a run is cancelled; an engine destroyed mid-run is replaced by another on
// the same store, which resumes the run to the end with the chain intact.
#include "enginetestsupport.h"

#include "domain/event.h"
#include "engine/lifecycleevents.h"
#include "workspace/workspacemanager.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;

Q_DECLARE_METATYPE(delegate::Role)

namespace {

Decision answer(const QString &decider, Role role, Decision::Verdict verdict, const QString &text)
{
    Decision decision;
    decision.decider = decider;
    decision.role = role;
    decision.verdict = verdict;
    decision.text = text;
    return decision;
}

QString diffOf(const Artifact &artifact)
{
    return std::get<PatchContent>(artifact.content).diff;
}

QList<Event> eventsOf(Engine &engine, const QString &runId)
{
    const auto events = engine.events(runId, 0, 1000);
    return events.ok() ? events.value() : QList<Event>();
}

} // namespace

class TestEngine final : public QObject
{
    Q_OBJECT

private:
    // Opens an engine on the harness's store; nullptr (with a failed check) when it cannot.
    std::unique_ptr<Engine> openEngine(EngineHarness &harness)
    {
        auto engine = std::make_unique<Engine>();
        const auto opened = QCoro::waitFor(engine->open(harness.options()));
        if (!opened.ok()) {
            qWarning() << opened.error().message;
            return nullptr;
        }
        return engine;
    }

    QString submitOne(Engine &engine, const SubmitRequest &request)
    {
        const auto submitted = QCoro::waitFor(engine.submit(request, u"user:ada"_s));
        if (!submitted.ok()) {
            qWarning() << submitted.error().message;
            return {};
        }
        return submitted.value().constFirst();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void questionReviewAndApproval()
    {
        EngineHarness harness;
        QVERIFY(harness.setUp());
        harness.server.setScript({
            askTurn(u"Should I fix sum.py or the test?"_s),
            editTurn(u"return a - b"_s, u"return a + b"_s, u"user:grace answered: Fix sum.py"_s),
            submitTurn(u"add() subtracted; it adds now."_s, u"Replaced 1 occurrence"_s),
            editTurn(u"Return the sum of a and b."_s, u"Return a + b, the sum of the operands a and b."_s,
                     u"sum.py:6: Name the operands."_s),
            submitTurn(u"The docstring names the operands."_s, u"Replaced 1 occurrence"_s),
        });
        auto engine = openEngine(harness);
        QVERIFY(engine);
        QSignalSpy opened(engine.get(), &Engine::checkpointOpened);
        QSignalSpy decided(engine.get(), &Engine::checkpointDecided);
        QSignalSpy appended(engine.get(), &Engine::eventAppended);

        const QString runId = submitOne(*engine, harness.fixTheTest());
        QVERIFY(!runId.isEmpty());
        QVERIFY2(waitForState(*engine, runId, RunState::WaitingForHuman),
                 qPrintable(describe(*engine, runId)));
        QCOMPARE(opened.size(), 1);
        const Checkpoint question = opened.constFirst().at(0).value<Checkpoint>();
        QCOMPARE(question.kind, Checkpoint::Kind::Question);
        QCOMPARE(question.prompt, u"Should I fix sum.py or the test?"_s);
        QVERIFY(question.id.startsWith(runId + u':'));

        const auto answered = QCoro::waitFor(
            engine->answerCheckpoint(question.id,
                                     answer(u"user:grace"_s, Role::Reviewer, Decision::Verdict::Answer,
                                            u"Fix sum.py; the test is right."_s)));
        QVERIFY2(answered.ok(), answered.ok() ? "" : qPrintable(answered.error().message));
        QCOMPARE(decided.size(), 1);
        // Once decided, it stays decided.
        const auto again = QCoro::waitFor(engine->answerCheckpoint(
            question.id, answer(u"user:ada"_s, Role::Lead, Decision::Verdict::Answer, u"No, the test."_s)));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, EngineError::Code::Conflict);

        DELEGATE_WAIT_FOR_STATE(*engine, runId, RunState::InReview);
        const RunRecord *record = engine->state().run(runId);
        QCOMPARE(record->artifacts.size(), 1);
        QCOMPARE(record->artifacts.constFirst().kind(), ArtifactKind::Patch);
        QVERIFY(diffOf(record->artifacts.constFirst()).contains(u"+    return a + b"_s));
        QVERIFY(!record->run.baseCommit.isEmpty());
        QVERIFY(record->run.usage.tokensIn > 0);

        ReviewRequest changes;
        changes.verdict = Decision::Verdict::RequestChanges;
        changes.text = u"Almost."_s;
        changes.comments = { { u"sum.py"_s, 6, u"Name the operands."_s } };
        // An auditor reads; it does not review.
        const auto refused = QCoro::waitFor(engine->review(runId, changes, u"user:alan"_s, Role::Auditor));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, EngineError::Code::Forbidden);
        const auto reviewed = QCoro::waitFor(engine->review(runId, changes, u"user:grace"_s, Role::Reviewer));
        QVERIFY2(reviewed.ok(), reviewed.ok() ? "" : qPrintable(reviewed.error().message));

        QTRY_COMPARE_WITH_TIMEOUT(engine->state().run(runId)->artifacts.size(), 2, 60000);
        DELEGATE_WAIT_FOR_STATE(*engine, runId, RunState::InReview);
        // A superseded version cannot be reviewed.
        ReviewRequest stale;
        stale.version = 1;
        const auto staleReview =
            QCoro::waitFor(engine->review(runId, stale, u"user:grace"_s, Role::Reviewer));
        QCOMPARE(staleReview.error().code, EngineError::Code::Conflict);
        const auto approved =
            QCoro::waitFor(engine->review(runId, ReviewRequest {}, u"user:grace"_s, Role::Reviewer));
        QVERIFY2(approved.ok(), approved.ok() ? "" : qPrintable(approved.error().message));
        QCOMPARE(stateOf(*engine, runId), RunState::Approved);
        QCOMPARE(harness.server.remainingTurns(), 0);

        record = engine->state().run(runId);
        const QString v2 = diffOf(record->artifacts.at(1));
        QVERIFY(v2.contains(u"+    return a + b"_s));
        QVERIFY(v2.contains(u"+    \"\"\"Return a + b, the sum of the operands a and b.\"\"\""_s));
        QCOMPARE(record->reviews.size(), 2);
        QCOMPARE(record->reviews.at(0).comments.constFirst().line, 6);
        QCOMPARE(record->reviews.at(1).verdict, Decision::Verdict::Approve);
        QCOMPARE(record->checkpoints.constFirst().decision->decider, u"user:grace"_s);

        // The whole story is in the log, in order, with the reviewer's
        // comments as a message the agent read.
        QStringList states;
        bool reviewMessage = false;
        for (const Event &event : eventsOf(*engine, runId)) {
            if (event.kind == lifecycle::stateChanged)
                states.append(event.payload.value("to"_L1).toString());
            if (event.kind == agentevents::message && event.payload.value("review"_L1).toBool()) {
                reviewMessage = event.actor == u"user:grace"_s
                    && event.payload.value("text"_L1).toString().contains(u"sum.py:6: Name the operands."_s);
            }
        }
        QCOMPARE(states,
                 (QStringList { u"provisioning"_s, u"running"_s, u"waiting_for_human"_s, u"running"_s,
                                u"in_review"_s, u"changes_requested"_s, u"running"_s, u"in_review"_s,
                                u"approved"_s }));
        QVERIFY(reviewMessage);
        QVERIFY(appended.size() > 20);

        // The approval releases the patch as a commit on the run's branch:
        // previewed first (nothing changes), then done. The run completes,
        // its workspace goes, the branch with the approved commit stays.
        const QString workspace = engine->state().run(runId)->workspace.value("directory"_L1).toString();
        QVERIFY(QFileInfo::exists(workspace));
        ActRequest commit;
        commit.steps = { { u"git.branch"_s, { { u"message"_s, u"Fix add()"_s } } } };
        commit.dryRun = true;
        const auto previewed = QCoro::waitFor(engine->act(runId, commit, u"user:grace"_s, Role::Reviewer));
        QVERIFY2(previewed.ok(), previewed.ok() ? "" : qPrintable(previewed.error().message));
        const QJsonObject preview = previewed.value().value("actions"_L1).toArray().at(0).toObject();
        QVERIFY2(preview.value("ok"_L1).toBool(), qPrintable(preview.value("message"_L1).toString()));
        QCOMPARE(stateOf(*engine, runId), RunState::Approved);
        const auto byAuditor = QCoro::waitFor(engine->act(runId, commit, u"user:alan"_s, Role::Auditor));
        QCOMPARE(byAuditor.error().code, EngineError::Code::Forbidden);
        commit.dryRun = false;
        const auto committed = QCoro::waitFor(engine->act(runId, commit, u"user:grace"_s, Role::Reviewer));
        QVERIFY2(committed.ok(), committed.ok() ? "" : qPrintable(committed.error().message));
        QVERIFY2(committed.value().value("ok"_L1).toBool(),
                 qPrintable(QString::fromUtf8(QJsonDocument(committed.value()).toJson())));
        QCOMPARE(stateOf(*engine, runId), RunState::Completed);
        QCOMPARE(engine->state().run(runId)->actions.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(workspace), 30000);
        QByteArray shown;
        QVERIFY(gitOutput(harness.repository, { u"show"_s, u"delegate/"_s + runId }, &shown));
        QVERIFY2(shown.contains("+    return a + b") && shown.contains("Fix add()"), shown.constData());

        const auto verified = QCoro::waitFor(engine->verify());
        QVERIFY(verified.ok());
        QVERIFY2(verified.value().intact(), qPrintable(verified.value().detail));

        // Another engine on the same store rebuilds the same run.
        const QJsonObject detail = engine->state().run(runId)->detailJson();
        QCoro::waitFor(engine->shutdown(u"test"_s));
        engine.reset();
        auto reopened = openEngine(harness);
        QVERIFY(reopened);
        QCOMPARE(reopened->state().run(runId)->detailJson(), detail);
        QVERIFY(reopened->contradictions().isEmpty());
    }

    void onlyPeopleWithTheRightRoleDecide_data()
    {
        QTest::addColumn<QString>("decider");
        QTest::addColumn<Role>("role");
        QTest::addRow("the agent") << u"agent"_s << Role::Reviewer;
        QTest::addRow("the system") << u"system"_s << Role::Lead;
        QTest::addRow("no name") << u"user:"_s << Role::Lead;
        QTest::addRow("an auditor") << u"user:alan"_s << Role::Auditor;
    }
    void onlyPeopleWithTheRightRoleDecide()
    {
        QFETCH(QString, decider);
        QFETCH(Role, role);
        EngineHarness harness;
        QVERIFY(harness.setUp());
        harness.server.setScript({ askTurn(u"May I decide this myself?"_s) });
        auto engine = openEngine(harness);
        QVERIFY(engine);
        const QString runId = submitOne(*engine, harness.fixTheTest());
        QVERIFY2(waitForState(*engine, runId, RunState::WaitingForHuman),
                 qPrintable(describe(*engine, runId)));
        const QString checkpointId = engine->state().run(runId)->openCheckpoints().constFirst().id;

        const auto refused = QCoro::waitFor(engine->answerCheckpoint(
            checkpointId, answer(decider, role, Decision::Verdict::Answer, u"Yes."_s)));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, EngineError::Code::Forbidden);
        QVERIFY(!refused.error().message.isEmpty());
        QCOMPARE(engine->state().run(runId)->openCheckpoints().size(), 1);
        QCOMPARE(stateOf(*engine, runId), RunState::WaitingForHuman);
        // The wrong verdict for a question is refused too, whoever gives it.
        const auto wrongVerdict = QCoro::waitFor(engine->answerCheckpoint(
            checkpointId, answer(u"user:grace"_s, Role::Reviewer, Decision::Verdict::Approve, {})));
        QCOMPARE(wrongVerdict.error().code, EngineError::Code::InvalidRequest);
        QCOMPARE(engine->state().run(runId)->openCheckpoints().size(), 1);
        QVERIFY(QCoro::waitFor(engine->cancel(runId, u"user:ada"_s)).ok());
    }

    void cancelStopsTheRunAndFreesItsWorkspace()
    {
        EngineHarness harness;
        QVERIFY(harness.setUp());
        harness.server.setScript(
            { askTurn(u"Which file?"_s), editTurn(u"return a - b"_s, u"return a + b"_s) });
        auto engine = openEngine(harness);
        QVERIFY(engine);
        const QString runId = submitOne(*engine, harness.fixTheTest());
        QVERIFY2(waitForState(*engine, runId, RunState::WaitingForHuman),
                 qPrintable(describe(*engine, runId)));
        QPointer<RunController> controller = engine->controller(runId);
        QVERIFY(controller);
        const QString workspace = engine->state().run(runId)->workspace.value("directory"_L1).toString();
        QVERIFY(QFileInfo::exists(workspace));

        const auto byAgent = QCoro::waitFor(engine->cancel(runId, u"agent"_s));
        QCOMPARE(byAgent.error().code, EngineError::Code::Forbidden);
        const auto cancelled =
            QCoro::waitFor(engine->cancel(runId, u"user:ada"_s, u"Not needed any more."_s));
        QVERIFY2(cancelled.ok(), cancelled.ok() ? "" : qPrintable(cancelled.error().message));
        QCOMPARE(stateOf(*engine, runId), RunState::Cancelled);
        QCOMPARE(engine->state().run(runId)->lastReason, u"Not needed any more."_s);
        QTRY_VERIFY_WITH_TIMEOUT(!controller, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(workspace), 30000);
        // The agent asked nothing more of the model after the question.
        QCOMPARE(harness.server.requests().size(), 1);
        const auto twice = QCoro::waitFor(engine->cancel(runId, u"user:ada"_s));
        QCOMPARE(twice.error().code, EngineError::Code::Conflict);
        const auto late = QCoro::waitFor(engine->answerCheckpoint(
            engine->state().run(runId)->checkpoints.constFirst().checkpoint.id,
            answer(u"user:grace"_s, Role::Reviewer, Decision::Verdict::Answer, u"sum.py"_s)));
        QCOMPARE(late.error().code, EngineError::Code::Conflict);
    }

    void pauseHoldsTheAgentAndSteeringReachesIt()
    {
        EngineHarness harness;
        QVERIFY(harness.setUp());
        QJsonObject report = submitTurn(u"Nothing to change."_s, u"Only look, change nothing."_s);
        harness.server.setScript({ report });
        auto engine = openEngine(harness);
        QVERIFY(engine);
        const QString runId = submitOne(*engine, harness.fixTheTest());
        QVERIFY(QCoro::waitFor(engine->pause(runId, u"user:ada"_s, u"Let me add something."_s)).ok());
        const auto twice = QCoro::waitFor(engine->pause(runId, u"user:ada"_s));
        QCOMPARE(twice.error().code, EngineError::Code::Conflict);
        QVERIFY(engine->state().run(runId)->paused);
        QVERIFY(QCoro::waitFor(engine->steer(runId, u"Only look, change nothing."_s, u"user:ada"_s)).ok());
        QCOMPARE(QCoro::waitFor(engine->steer(runId, u"   "_s, u"user:ada"_s)).error().code,
                 EngineError::Code::InvalidRequest);
        QVERIFY(QCoro::waitFor(engine->resume(runId, u"user:ada"_s)).ok());
        DELEGATE_WAIT_FOR_STATE(*engine, runId, RunState::InReview);

        // The agent recorded nothing while paused, and read the steering
        // message before its first turn.
        qint64 resumedAt = 0;
        qint64 startedAt = 0;
        bool steeringRead = false;
        for (const Event &event : eventsOf(*engine, runId)) {
            if (event.kind == lifecycle::resumed)
                resumedAt = event.sequence;
            if (event.kind == agentevents::started)
                startedAt = event.sequence;
            if (event.kind == agentevents::message && event.payload.value("steering"_L1).toBool())
                steeringRead = event.payload.value("text"_L1).toString() == u"Only look, change nothing."_s;
        }
        QVERIFY(resumedAt > 0);
        QVERIFY(startedAt > resumedAt);
        QVERIFY(steeringRead);
        QCOMPARE(engine->state().run(runId)->latestArtifact()->kind(), ArtifactKind::Patch);
        QCOMPARE(engine->state().run(runId)->steering, QStringList { u"Only look, change nothing."_s });
    }

    void resumesAfterTheEngineWasDestroyedMidRun()
    {
        EngineHarness harness;
        QVERIFY(harness.setUp());
        QJsonObject slow { { u"text"_s, u"Thinking it over."_s }, { u"header_delay_ms"_s, 3000 } };
        harness.server.setScript({
            editTurn(u"return a - b"_s, u"return a + b"_s),
            slow, // the first engine is gone before this answer arrives
            submitTurn(u"add() adds now."_s, u"Replaced 1 occurrence"_s),
        });
        auto first = openEngine(harness);
        QVERIFY(first);
        const QString runId = submitOne(*first, harness.fixTheTest());
        QVERIFY(QTest::qWaitFor([&] { return harness.server.requests().size() == 2; }, 60000));
        QCOMPARE(stateOf(*first, runId), RunState::Running);
        QPointer<RunController> abandoned = first->controller(runId);
        QVERIFY(abandoned);

        // A crash: no shutdown, nothing more recorded.
        first.reset();
        QVERIFY(abandoned);

        auto second = openEngine(harness);
        QVERIFY(second);
        DELEGATE_WAIT_FOR_STATE(*second, runId, RunState::InReview);
        const RunRecord *record = second->state().run(runId);
        QCOMPARE(record->artifacts.size(), 1);
        QVERIFY(diffOf(record->artifacts.constFirst()).contains(u"+    return a + b"_s));

        // The log tells what happened: interrupted while running, then resumed.
        QStringList states;
        for (const Event &event : eventsOf(*second, runId)) {
            if (event.kind == lifecycle::stateChanged) {
                states.append(event.payload.value("to"_L1).toString());
                if (states.constLast() == "interrupted"_L1)
                    QCOMPARE(event.payload.value("reason"_L1).toString(),
                             u"the engine stopped while the run was running"_s);
            }
        }
        QCOMPARE(states,
                 (QStringList { u"provisioning"_s, u"running"_s, u"interrupted"_s, u"provisioning"_s,
                                u"running"_s, u"in_review"_s }));
        const auto all = second->events({}, 0, 1000);
        QVERIFY(all.ok());
        bool startedWithInterruption = false;
        for (const Event &event : all.value()) {
            if (event.kind == "engine.started"_L1
                && event.payload.value("interrupted"_L1).toArray().contains(QJsonValue(runId)))
                startedWithInterruption = true;
        }
        QVERIFY(startedWithInterruption);

        const auto verified = QCoro::waitFor(second->verify());
        QVERIFY(verified.ok());
        QVERIFY2(verified.value().intact(), qPrintable(verified.value().detail));
        QVERIFY(verified.value().checked > 10);

        // The first engine's controller lets go once its agent's slow turn ends.
        QTRY_VERIFY_WITH_TIMEOUT(!abandoned, 30000);
        QCOMPARE(harness.server.remainingTurns(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
