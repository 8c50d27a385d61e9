// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduler.h"

#include "enginestate.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

// Counts what holds slots, per key, as runs are admitted during one pass.
class SlotCount
{
public:
    void add(const QString &key)
    {
        if (!key.isEmpty())
            ++m_counts[key];
    }
    bool full(const QString &key, const QHash<QString, int> &limits) const
    {
        const auto limit = limits.constFind(key);
        return !key.isEmpty() && limit != limits.cend() && m_counts.value(key) >= *limit;
    }

private:
    QHash<QString, int> m_counts;
};

QString money(double usd)
{
    return u"$%1"_s.arg(usd, 0, 'f', 2);
}

} // namespace

Scheduler::Scheduler(SchedulerLimits limits, QString defaultProvider)
    : m_limits(std::move(limits))
    , m_defaultProvider(std::move(defaultProvider))
{ }

bool Scheduler::holdsSlot(RunState state)
{
    switch (state) {
    case RunState::Provisioning:
    case RunState::Running:
    case RunState::WaitingForHuman:
    case RunState::Applying:
        return true;
    default:
        return false;
    }
}

bool Scheduler::isWaiting(const RunRecord &record)
{
    switch (record.run.state) {
    case RunState::Queued:
        return !record.hasOpenCheckpoint(Checkpoint::Kind::Budget);
    case RunState::ChangesRequested:
        return true;
    case RunState::Interrupted:
        // Actions that were being applied are not repeated on their own: a
        // person decides (runs.act) whether to apply them again.
        return record.interruptedFrom != RunState::Applying;
    default:
        return false;
    }
}

QString Scheduler::providerOf(const Run &run) const
{
    switch (run.task.agent.runtime) {
    case AgentSpec::Runtime::Builtin:
        return run.task.agent.provider.isEmpty() ? m_defaultProvider : run.task.agent.provider;
    case AgentSpec::Runtime::ClaudeCode:
        return u"anthropic"_s;
    case AgentSpec::Runtime::Codex:
        return u"openai"_s;
    case AgentSpec::Runtime::Gemini:
        return u"gemini"_s;
    case AgentSpec::Runtime::Playbook:
        return {};
    }
    return {};
}

double Scheduler::estimateUsd(const Run &run) const
{
    return run.task.limits.costUsd.value_or(m_limits.defaultRunEstimateUsd);
}

QList<const RunRecord *> Scheduler::queue(const EngineState &state) const
{
    QList<const RunRecord *> waiting;
    for (const RunRecord *record : state.runs()) {
        if (isWaiting(*record))
            waiting.append(record);
    }
    std::sort(waiting.begin(), waiting.end(), [](const RunRecord *a, const RunRecord *b) {
        if (a->priority != b->priority)
            return a->priority > b->priority;
        return a->submittedSequence < b->submittedSequence;
    });
    return waiting;
}

Admission Scheduler::admit(const EngineState &state, const QSet<QString> &busy, const QSet<QString> &excluded,
                           QDate today) const
{
    int active = 0;
    SlotCount environments;
    SlotCount providers;
    // What running work may still spend, overall and per batch: a budget
    // is judged against what is spent plus what is already under way.
    double reserved = 0;
    QHash<QString, double> batchReserved;
    auto occupy = [&](const RunRecord &record) {
        ++active;
        environments.add(record.run.environment);
        providers.add(providerOf(record.run));
        const double remaining = std::max(0.0, estimateUsd(record.run) - record.run.usage.costUsd);
        reserved += remaining;
        if (!record.run.batchId.isEmpty())
            batchReserved[record.run.batchId] += remaining;
    };
    for (const RunRecord *record : state.runs()) {
        if (holdsSlot(record->run.state) || busy.contains(record->run.id))
            occupy(*record);
    }

    Admission admission;
    const double spentToday = state.costOn(today);
    for (const RunRecord *record : queue(state)) {
        if (active >= m_limits.maxConcurrentRuns)
            break;
        const Run &run = record->run;
        if (busy.contains(run.id) || excluded.contains(run.id))
            continue;
        // A full environment or provider leaves the slot to runs behind
        // this one that need neither.
        if (environments.full(run.environment, m_limits.perEnvironment)
            || providers.full(providerOf(run), m_limits.perProvider))
            continue;

        // Budgets gate fresh starts; work already started goes on within
        // its own task limits.
        if (run.state == RunState::Queued && !record->budgetApproved) {
            const double estimate = estimateUsd(run);
            if (m_limits.dailyBudgetUsd) {
                const double committed = spentToday + reserved;
                const double projected = committed + estimate;
                if (committed >= *m_limits.dailyBudgetUsd || projected > *m_limits.dailyBudgetUsd) {
                    admission.holds.append(
                        { run.id, BudgetHold::Budget::Daily, *m_limits.dailyBudgetUsd, projected,
                          u"Starting this run could pass today's budget of %1: %2 spent, %3 reserved by "
                          "running work, up to %4 for this run. Approve to start it anyway."_s.arg(
                              money(*m_limits.dailyBudgetUsd), money(spentToday), money(reserved),
                              money(estimate)) });
                    continue;
                }
            }
            if (record->batchBudgetUsd && !run.batchId.isEmpty()) {
                const double spent = state.batchCost(run.batchId);
                const double committed = spent + batchReserved.value(run.batchId);
                const double projected = committed + estimate;
                if (committed >= *record->batchBudgetUsd || projected > *record->batchBudgetUsd) {
                    admission.holds.append(
                        { run.id, BudgetHold::Budget::Batch, *record->batchBudgetUsd, projected,
                          u"Starting this run could pass the budget of batch %1 (%2): %3 spent, %4 reserved "
                          "by its running work, up to %5 for this run. Approve to start it anyway."_s.arg(
                              run.batchId, money(*record->batchBudgetUsd), money(spent),
                              money(batchReserved.value(run.batchId)), money(estimate)) });
                    continue;
                }
            }
        }
        admission.start.append(run.id);
        occupy(*record);
    }
    return admission;
}

} // namespace delegate
