// SPDX-License-Identifier: GPL-3.0-or-later
// Admission: concurrency limits (overall, per environment, per provider) and
// budgets (daily, per batch) hold over 50 queued runs driven to the end;
// priority order; a budget hold instead of a start, released by approval.
#include "domain/event.h"
#include "engine/enginestate.h"
#include "engine/lifecycleevents.h"
#include "engine/scheduler.h"

#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

const QDateTime now = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

struct Submission
{
    QString id;
    QString environment = u"python"_s;
    QString provider = u"openai"_s;
    int priority = 0;
    std::optional<double> costLimit;
    QString batch;
    std::optional<double> batchBudget;
};

Submission make(QString id, QString environment, QString provider, int priority,
                std::optional<double> costLimit = std::nullopt, QString batch = {},
                std::optional<double> batchBudget = std::nullopt)
{
    return { std::move(id), std::move(environment), std::move(provider), priority,
             costLimit,     std::move(batch),       batchBudget };
}

// Drives an EngineState the way the engine does: through events only.
class StateDriver
{
public:
    EngineState state;

    void apply(const QString &runId, const QString &kind, const QJsonObject &payload,
               const QDateTime &time = now)
    {
        Event event;
        event.sequence = ++m_sequence;
        event.runId = runId;
        event.time = time;
        event.actor = u"system"_s;
        event.kind = kind;
        event.payload = payload;
        QString error;
        QVERIFY2(state.apply(event, &error) == EngineState::Outcome::Applied, qPrintable(error));
    }

    void submit(const Submission &submission)
    {
        Run run;
        run.id = submission.id;
        run.task.objective = u"Do the thing."_s;
        run.task.agent.provider = submission.provider;
        run.task.limits.costUsd = submission.costLimit;
        run.environment = submission.environment;
        run.batchId = submission.batch;
        EnvironmentProfile environment;
        environment.name = submission.environment;
        QJsonObject payload { { u"run"_s, run.toJson() },
                              { u"environment"_s, environment.toJson() },
                              { u"priority"_s, submission.priority } };
        if (submission.batchBudget)
            payload.insert(u"batch_budget_usd"_s, *submission.batchBudget);
        apply(submission.id, lifecycle::submitted, payload);
    }

    void move(const QString &runId, RunState to)
    {
        apply(runId, lifecycle::stateChanged,
              { { u"from"_s, enumToString(state.run(runId)->run.state) }, { u"to"_s, enumToString(to) } });
    }

    // What the engine does with an admitted run: it provisions it and
    // starts the agent.
    void start(const QString &runId)
    {
        const RunState from = state.run(runId)->run.state;
        if (from != RunState::ChangesRequested)
            move(runId, RunState::Provisioning);
        move(runId, RunState::Running);
    }

    void spend(const QString &runId, double totalUsd, const QDateTime &time = now)
    {
        apply(runId, lifecycle::usage, { { u"cost_usd"_s, totalUsd } }, time);
    }

    void holdForBudget(const QString &runId)
    {
        Checkpoint checkpoint;
        checkpoint.id = runId + u":budget"_s;
        checkpoint.runId = runId;
        checkpoint.kind = Checkpoint::Kind::Budget;
        apply(runId, lifecycle::checkpointOpened, { { u"checkpoint"_s, checkpoint.toJson() } });
    }

    void decideBudget(const QString &runId, Decision::Verdict verdict)
    {
        Decision decision;
        decision.checkpointId = runId + u":budget"_s;
        decision.decider = u"user:ada"_s;
        decision.role = Role::Lead;
        decision.verdict = verdict;
        apply(runId, lifecycle::checkpointDecided, { { u"decision"_s, decision.toJson() } });
    }

    QStringList inState(RunState wanted) const
    {
        QStringList ids;
        for (const RunRecord *record : state.runs()) {
            if (record->run.state == wanted)
                ids.append(record->run.id);
        }
        return ids;
    }

private:
    qint64 m_sequence = 0;
};

SchedulerLimits limits(int global, QHash<QString, int> environments = {}, QHash<QString, int> providers = {})
{
    SchedulerLimits limits;
    limits.maxConcurrentRuns = global;
    limits.perEnvironment = std::move(environments);
    limits.perProvider = std::move(providers);
    return limits;
}

} // namespace

class TestScheduler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // 50 runs over three environments and two providers with mixed
    // priorities, driven to the end: at every step no limit is exceeded,
    // every free slot that a waiting run could use is used, and runs start
    // in priority order within what the limits allow.
    void limitsHoldOverFiftyRuns_data()
    {
        QTest::addColumn<int>("global");
        QTest::addColumn<int>("perEnvironment");
        QTest::addColumn<int>("perProvider");
        QTest::addRow("global only") << 6 << 0 << 0;
        QTest::addRow("environment bound") << 8 << 2 << 0;
        QTest::addRow("provider bound") << 8 << 0 << 3;
        QTest::addRow("all three") << 5 << 2 << 3;
        QTest::addRow("one at a time") << 1 << 1 << 1;
    }
    void limitsHoldOverFiftyRuns()
    {
        QFETCH(int, global);
        QFETCH(int, perEnvironment);
        QFETCH(int, perProvider);
        const QStringList environments { u"python"_s, u"node"_s, u"rust"_s };
        const QStringList providers { u"openai"_s, u"anthropic"_s };
        QHash<QString, int> environmentLimits;
        QHash<QString, int> providerLimits;
        for (const QString &name : environments) {
            if (perEnvironment > 0)
                environmentLimits.insert(name, perEnvironment);
        }
        for (const QString &name : providers) {
            if (perProvider > 0)
                providerLimits.insert(name, perProvider);
        }
        const Scheduler scheduler(limits(global, environmentLimits, providerLimits), u"openai"_s);

        StateDriver driver;
        QRandomGenerator random(42);
        QList<std::pair<int, QString>> byPriority; // (-priority, id): the order one slot would give
        for (int i = 0; i < 50; ++i) {
            Submission submission;
            submission.id = u"run-%1"_s.arg(i, 2, 10, QLatin1Char('0'));
            submission.environment = environments.at(i % 3);
            submission.provider = providers.at((i / 3) % 2);
            submission.priority = int(random.bounded(3));
            driver.submit(submission);
            byPriority.append({ -submission.priority, submission.id });
        }
        std::stable_sort(byPriority.begin(), byPriority.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });

        QStringList firstStarts;
        QSet<QString> changed;
        int rounds = 0;
        while (driver.inState(RunState::Completed).size() < 50) {
            QVERIFY2(++rounds < 500, "the queue stopped draining");
            const Admission admission = scheduler.admit(driver.state, {}, {}, now.date());
            QVERIFY(admission.holds.isEmpty());
            for (const QString &id : admission.start) {
                if (driver.state.run(id)->run.state == RunState::Queued)
                    firstStarts.append(id);
                driver.start(id);
            }

            // The limits hold…
            QHash<QString, int> perEnv;
            QHash<QString, int> perProv;
            int active = 0;
            for (const RunRecord *record : driver.state.runs()) {
                if (!Scheduler::holdsSlot(record->run.state))
                    continue;
                ++active;
                ++perEnv[record->run.environment];
                ++perProv[scheduler.providerOf(record->run)];
            }
            QVERIFY(active <= global);
            for (auto it = perEnv.cbegin(); it != perEnv.cend(); ++it)
                QVERIFY(perEnvironment == 0 || it.value() <= perEnvironment);
            for (auto it = perProv.cbegin(); it != perProv.cend(); ++it)
                QVERIFY(perProvider == 0 || it.value() <= perProvider);
            // …and no slot stays idle while a waiting run could take it.
            for (const RunRecord *waiting : scheduler.queue(driver.state)) {
                const bool environmentFree =
                    perEnvironment == 0 || perEnv.value(waiting->run.environment) < perEnvironment;
                const bool providerFree =
                    perProvider == 0 || perProv.value(scheduler.providerOf(waiting->run)) < perProvider;
                QVERIFY2(!(active < global && environmentFree && providerFree),
                         qPrintable(u"%1 could have started"_s.arg(waiting->run.id)));
            }

            // The oldest running run hands in its work; every third gets
            // one round of changes and comes back through the queue.
            const QStringList running = driver.inState(RunState::Running);
            if (running.isEmpty())
                continue;
            const QString done = running.constLast();
            driver.move(done, RunState::InReview);
            if (done.mid(4).toInt() % 3 == 0 && !changed.contains(done)) {
                changed.insert(done);
                driver.move(done, RunState::ChangesRequested);
            } else {
                driver.move(done, RunState::Approved);
                driver.move(done, RunState::Completed);
            }
        }
        QCOMPARE(firstStarts.size(), 50);
        QCOMPARE(QSet<QString>(firstStarts.cbegin(), firstStarts.cend()).size(), 50);
        QCOMPARE(changed.size(), 17);
        if (global == 1) {
            // One slot: fresh runs start exactly by priority, then submission.
            QStringList expected;
            for (const auto &[priority, id] : std::as_const(byPriority))
                expected.append(id);
            QCOMPARE(firstStarts, expected);
        }
    }

    void priorityThenSubmission()
    {
        StateDriver driver;
        const QList<int> priorities { 0, 5, 1, 5, 0, 9 };
        for (int i = 0; i < priorities.size(); ++i)
            driver.submit(make(u"r%1"_s.arg(i), u"python"_s, u"openai"_s, priorities.at(i)));
        const Scheduler scheduler(limits(3));
        QCOMPARE(scheduler.admit(driver.state, {}, {}, now.date()).start,
                 (QStringList { u"r5"_s, u"r1"_s, u"r3"_s }));
        // Runs the engine is still starting hold their slots even before
        // their state says so; excluded runs are passed over.
        QCOMPARE(scheduler.admit(driver.state, { u"r5"_s }, { u"r1"_s }, now.date()).start,
                 (QStringList { u"r3"_s, u"r2"_s }));
    }

    void fullEnvironmentLeavesTheSlotToOthers()
    {
        StateDriver driver;
        driver.submit(make(u"a"_s, u"gpu"_s, u"openai"_s, 9));
        driver.submit(make(u"b"_s, u"gpu"_s, u"openai"_s, 9));
        driver.submit(make(u"c"_s, u"python"_s, u"anthropic"_s, 0));
        driver.submit(make(u"d"_s, u"python"_s, u"openai"_s, 0));
        const Scheduler scheduler(limits(4, { { u"gpu"_s, 1 } }, { { u"openai"_s, 1 } }), u"openai"_s);
        QCOMPARE(scheduler.admit(driver.state, {}, {}, now.date()).start, (QStringList { u"a"_s, u"c"_s }));
        // Playbooks use no provider.
        QCOMPARE(scheduler.providerOf(Run {}), u"openai"_s);
        Run playbook;
        playbook.task.agent.runtime = AgentSpec::Runtime::Playbook;
        QCOMPARE(scheduler.providerOf(playbook), QString());
        Run claude;
        claude.task.agent.runtime = AgentSpec::Runtime::ClaudeCode;
        QCOMPARE(scheduler.providerOf(claude), u"anthropic"_s);
    }

    void dailyBudgetHoldsInsteadOfStarting()
    {
        StateDriver driver;
        for (int i = 0; i < 5; ++i)
            driver.submit(make(u"r%1"_s.arg(i), u"python"_s, u"openai"_s, 0, 1.0));
        // Spent yesterday does not count today.
        driver.submit(make(u"old"_s, u"python"_s, u"openai"_s, -1, 1.0));
        driver.start(u"old"_s);
        driver.spend(u"old"_s, 40.0, now.addDays(-1));
        driver.move(u"old"_s, RunState::Failed);

        SchedulerLimits budget = limits(10);
        budget.dailyBudgetUsd = 3.0;
        const Scheduler scheduler(budget);
        Admission admission = scheduler.admit(driver.state, {}, {}, now.date());
        QCOMPARE(admission.start, (QStringList { u"r0"_s, u"r1"_s, u"r2"_s }));
        QCOMPARE(admission.holds.size(), 2);
        QCOMPARE(admission.holds.at(0).runId, u"r3"_s);
        QCOMPARE(admission.holds.at(0).budget, BudgetHold::Budget::Daily);
        QCOMPARE(admission.holds.at(0).projectedUsd, 4.0);
        QVERIFY2(admission.holds.at(0).prompt.contains(u"today's budget of $3.00"_s),
                 qPrintable(admission.holds.at(0).prompt));
        for (const QString &id : admission.start)
            driver.start(id);
        for (const BudgetHold &hold : admission.holds)
            driver.holdForBudget(hold.runId);

        // Held runs wait for their checkpoint; nothing else is admitted.
        admission = scheduler.admit(driver.state, {}, {}, now.date());
        QVERIFY(admission.start.isEmpty());
        QVERIFY(admission.holds.isEmpty());

        // An approval lets one run past the budget; a run that spent less
        // than its limit releases the rest of its reserve when it ends.
        driver.decideBudget(u"r3"_s, Decision::Verdict::Approve);
        QCOMPARE(scheduler.admit(driver.state, {}, {}, now.date()).start, QStringList { u"r3"_s });
        driver.start(u"r3"_s);
        driver.decideBudget(u"r4"_s, Decision::Verdict::Reject);
        driver.move(u"r4"_s, RunState::Cancelled);
        QVERIFY(scheduler.admit(driver.state, {}, {}, now.date()).start.isEmpty());

        // Spending today counts: with the budget spent, even a run with no
        // cost limit waits for a person.
        driver.submit(make(u"free"_s, u"python"_s, u"openai"_s, 0));
        for (const QString &id : { u"r0"_s, u"r1"_s, u"r2"_s }) {
            driver.spend(id, 1.0);
            driver.move(id, RunState::Failed);
        }
        admission = scheduler.admit(driver.state, {}, {}, now.date());
        QVERIFY(admission.start.isEmpty());
        QCOMPARE(admission.holds.size(), 1);
        QCOMPARE(admission.holds.constFirst().runId, u"free"_s);
        // Tomorrow is another day.
        QCOMPARE(scheduler.admit(driver.state, {}, {}, now.date().addDays(1)).start,
                 QStringList { u"free"_s });
    }

    void batchBudgetHoldsItsOwnRuns()
    {
        StateDriver driver;
        for (int i = 0; i < 4; ++i)
            driver.submit(make(u"b%1"_s.arg(i), u"python"_s, u"openai"_s, 0, 1.0, u"batch-7"_s, 2.5));
        driver.submit(make(u"other"_s, u"python"_s, u"openai"_s, 0, 1.0));
        const Scheduler scheduler(limits(10));
        const Admission admission = scheduler.admit(driver.state, {}, {}, now.date());
        QCOMPARE(admission.start, (QStringList { u"b0"_s, u"b1"_s, u"other"_s }));
        QCOMPARE(admission.holds.size(), 2);
        QCOMPARE(admission.holds.at(0).budget, BudgetHold::Budget::Batch);
        QCOMPARE(admission.holds.at(0).limitUsd, 2.5);
        QVERIFY(admission.holds.at(0).prompt.contains(u"batch batch-7 ($2.50)"_s));
    }

    void resumedWorkIsNotHeldByBudgets()
    {
        StateDriver driver;
        driver.submit(make(u"a"_s, u"python"_s, u"openai"_s, 0, 5.0));
        driver.start(u"a"_s);
        driver.spend(u"a"_s, 5.0);
        driver.move(u"a"_s, RunState::Interrupted);
        driver.submit(make(u"b"_s, u"python"_s, u"openai"_s, 0, 5.0));
        driver.start(u"b"_s);
        driver.move(u"b"_s, RunState::InReview);
        driver.move(u"b"_s, RunState::ChangesRequested);
        driver.submit(make(u"c"_s, u"python"_s, u"openai"_s, 0, 5.0));
        driver.start(u"c"_s);
        driver.move(u"c"_s, RunState::InReview);
        driver.move(u"c"_s, RunState::Approved);
        driver.move(u"c"_s, RunState::Applying);
        driver.move(u"c"_s, RunState::Interrupted);
        SchedulerLimits budget = limits(10);
        budget.dailyBudgetUsd = 1.0;
        const Admission admission = Scheduler(budget).admit(driver.state, {}, {}, now.date());
        // Interrupted actions wait for a person to apply them again.
        QCOMPARE(admission.start, (QStringList { u"a"_s, u"b"_s }));
        QVERIFY(admission.holds.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
