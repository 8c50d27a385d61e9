// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runrecord.h"
#include "store/storeresult.h"

#include <QDate>
#include <QHash>
#include <QMap>
#include <QStringList>

namespace delegate {

class EventRepository;
struct Event;

// The engine's picture of every run, folded from lifecycle events. The
// event log is the only source of truth: the engine rebuilds this at start
// by replaying it, and keeps it current by applying each event it appends.
class EngineState final
{
public:
    enum class Outcome {
        Applied,
        Ignored, // not a lifecycle event: the agent's own history
        Contradiction, // a lifecycle event the state cannot take; the state is left alone
    };

    // The engine checks every command against the state before it records
    // anything, so a contradiction in the log means a bug or an edited
    // store: the event is skipped (the same way at every replay) and error
    // says which event and why.
    Outcome apply(const Event &event, QString *error = nullptr);
    // Folds every lifecycle event of a store, from the first, into this
    // state. Other events are skipped by their kind, before their payload
    // is decoded. Contradictions are collected, not fatal.
    [[nodiscard]] StoreError replay(EventRepository &events, QStringList *contradictions = nullptr);

    const RunRecord *run(const QString &id) const;
    QList<const RunRecord *> runs() const; // newest first
    qsizetype size() const { return m_runs.size(); }
    qint64 lastSequence() const { return m_lastSequence; }

    // The run holding a checkpoint, or nullptr.
    const RunRecord *runOfCheckpoint(const QString &checkpointId) const;

    // What runs spent on a day (UTC), from the growth of their usage totals.
    double costOn(QDate day) const { return m_dailyCost.value(day.toJulianDay()); }
    // What the runs of a batch spent so far.
    double batchCost(const QString &batchId) const;

private:
    RunRecord *mutableRun(const QString &id);
    void countStep(const QString &runId);
    Outcome applyToRun(RunRecord &record, const Event &event, QString *why);

    QHash<QString, RunRecord> m_runs;
    QStringList m_order; // submission order
    QHash<QString, QString> m_checkpointRuns;
    QMap<qint64, double> m_dailyCost; // Julian day -> USD
    qint64 m_lastSequence = 0;
};

} // namespace delegate
