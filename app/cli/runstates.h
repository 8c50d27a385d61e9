// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace delegate::cli {

// How the commands that wait for runs read a run's state (the protocol's
// spelling, as run.updated and runs.get send it).
class RunStates final
{
public:
    // Nothing more happens to the run without the engine restarting:
    // completed, rejected, failed, cancelled, interrupted.
    static bool hasEnded(const QString &state);
    // A person has to act before the run goes on: waiting_for_human,
    // in_review, approved.
    static bool needsPerson(const QString &state);
    // The RunExitCode for a state a wait stopped at.
    static int exitCode(const QString &state);
    // Of several runs, the state a person should look at first: failed,
    // interrupted, waiting_for_human, in_review, approved, rejected,
    // cancelled, completed.
    static QString mostUrgent(const QStringList &states);
    // The command a person runs next for a run in this state; empty when
    // there is nothing to do.
    static QString nextStep(const QString &state, const QString &runId);
    // What lists show of a run (a RunSummary), from a RunDetail.
    static QJsonObject summaryOf(const QJsonObject &detail);
};

} // namespace delegate::cli
