// SPDX-License-Identifier: GPL-3.0-or-later
#include "runstates.h"

#include "exitcodes.h"

#include "domain/enumnames.h"
#include "domain/runstate.h"

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

// Most urgent first: a failure needs someone soonest, a run that waits for
// a decision blocks its agent, a result in review blocks nothing.
const QStringList urgency { u"failed"_s,   u"interrupted"_s, u"waiting_for_human"_s, u"in_review"_s,
                            u"approved"_s, u"rejected"_s,    u"cancelled"_s,         u"completed"_s };

} // namespace

bool RunStates::hasEnded(const QString &state)
{
    const std::optional<RunState> value = enumFromString<RunState>(state);
    return value && (isTerminal(*value) || *value == RunState::Interrupted);
}

bool RunStates::needsPerson(const QString &state)
{
    return state == "waiting_for_human"_L1 || state == "in_review"_L1 || state == "approved"_L1;
}

int RunStates::exitCode(const QString &state)
{
    const std::optional<RunState> value = enumFromString<RunState>(state);
    switch (value.value_or(RunState::Failed)) {
    case RunState::Completed:
        return ExitCompleted;
    case RunState::WaitingForHuman:
        return ExitWaitingForHuman;
    case RunState::InReview:
        return ExitInReview;
    case RunState::Approved:
        return ExitApproved;
    case RunState::Rejected:
        return ExitRejected;
    case RunState::Cancelled:
        return ExitCancelled;
    case RunState::Interrupted:
        return ExitInterrupted;
    default:
        // A wait never stops in a working state; an unknown one is a failure to look at.
        return ExitFailed;
    }
}

QString RunStates::mostUrgent(const QStringList &states)
{
    QString found;
    qsizetype rank = urgency.size();
    for (const QString &state : states) {
        const qsizetype index = urgency.indexOf(state);
        // A state this client does not know is looked at first.
        const qsizetype stateRank = index < 0 ? -1 : index;
        if (found.isEmpty() || stateRank < rank) {
            found = state;
            rank = stateRank;
        }
    }
    return found;
}

QString RunStates::nextStep(const QString &state, const QString &runId)
{
    if (state == "waiting_for_human"_L1)
        return u"delegatectl checkpoints --run %1, then delegatectl answer CHECKPOINT ..."_s.arg(runId);
    if (state == "in_review"_L1)
        return u"delegatectl show %1 --patch, then delegatectl review %1 approve|changes|reject"_s.arg(runId);
    if (state == "approved"_L1)
        return u"delegatectl act %1 [ACTION [KEY=VALUE]...]..."_s.arg(runId);
    if (state == "failed"_L1 || state == "interrupted"_L1)
        return u"delegatectl show %1"_s.arg(runId);
    return {};
}

QJsonObject RunStates::summaryOf(const QJsonObject &detail)
{
    QJsonObject summary = detail.value("run"_L1).toObject();
    const QJsonObject task = summary.take("task"_L1).toObject();
    const QString title = task.value("title"_L1).toString();
    summary.insert(u"title"_s, title.isEmpty() ? task.value("objective"_L1).toString().left(120) : title);
    summary.insert(u"agent"_s, task.value("agent"_L1));
    summary.insert(u"skill"_s, task.value("skill"_L1).toObject().value("name"_L1));
    summary.insert(u"paused"_s, detail.value("paused"_L1));
    summary.insert(u"priority"_s, detail.value("priority"_L1));
    if (detail.contains("reason"_L1))
        summary.insert(u"reason"_s, detail.value("reason"_L1));
    return summary;
}

} // namespace delegate::cli
