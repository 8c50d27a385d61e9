// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/runstate.h"
#include "schedulerlimits.h"

#include <QDate>
#include <QList>
#include <QSet>
#include <QStringList>

namespace delegate {

class EngineState;
struct Run;
struct RunRecord;

// A run that would pass a budget if it started: the engine opens a budget
// checkpoint for it instead, and starts it once a person approves.
struct BudgetHold
{
    enum class Budget { Daily, Batch };

    QString runId;
    Budget budget = Budget::Daily;
    double limitUsd = 0;
    double projectedUsd = 0; // spent + reserved by running work + this run's estimate
    QString prompt; // for the checkpoint
};

struct Admission
{
    QStringList start; // in the order to start them
    QList<BudgetHold> holds;
};

// Decides which waiting runs start now. The queue is the runs waiting in
// the engine's state — queued, changes requested, interrupted — ordered by
// priority (higher first), then by submission. A run starts when a slot is
// free overall, for its environment and for its model provider; a fresh run
// that could pass the daily or its batch's budget is held for a person
// instead. Pure: the engine calls it whenever something changed and acts on
// the answer.
class Scheduler final
{
public:
    explicit Scheduler(SchedulerLimits limits = {}, QString defaultProvider = {});

    const SchedulerLimits &limits() const { return m_limits; }
    void setLimits(SchedulerLimits limits) { m_limits = std::move(limits); }
    const QString &defaultProvider() const { return m_defaultProvider; }

    // busy: runs the engine is already starting or driving, whatever their
    // recorded state says; they hold slots. excluded: runs not to consider
    // (a budget checkpoint is being opened for them).
    Admission admit(const EngineState &state, const QSet<QString> &busy, const QSet<QString> &excluded,
                    QDate today) const;

    // The waiting runs, in the order they would start.
    QList<const RunRecord *> queue(const EngineState &state) const;

    // The states in which a run holds a slot: it has a sandbox, or is
    // getting one, or is acting.
    static bool holdsSlot(RunState state);
    // Whether the run waits for a slot.
    static bool isWaiting(const RunRecord &record);
    // The provider a run's agent talks to: the task's, the engine's default
    // for the built-in agent, the vendor for CLI agents; empty for playbooks.
    QString providerOf(const Run &run) const;
    // What starting the run may cost, for budget checks.
    double estimateUsd(const Run &run) const;

private:
    SchedulerLimits m_limits;
    QString m_defaultProvider;
};

} // namespace delegate
