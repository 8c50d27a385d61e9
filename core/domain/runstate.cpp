// SPDX-License-Identifier: GPL-3.0-or-later
#include "runstate.h"

#include <algorithm>

namespace delegate {

template<> std::span<const EnumName<RunState>> enumNames<RunState>()
{
    static constexpr EnumName<RunState> names[] = {
        { RunState::Queued, QLatin1StringView("queued") },
        { RunState::Provisioning, QLatin1StringView("provisioning") },
        { RunState::Running, QLatin1StringView("running") },
        { RunState::WaitingForHuman, QLatin1StringView("waiting_for_human") },
        { RunState::InReview, QLatin1StringView("in_review") },
        { RunState::ChangesRequested, QLatin1StringView("changes_requested") },
        { RunState::Approved, QLatin1StringView("approved") },
        { RunState::Applying, QLatin1StringView("applying") },
        { RunState::Completed, QLatin1StringView("completed") },
        { RunState::Rejected, QLatin1StringView("rejected") },
        { RunState::Failed, QLatin1StringView("failed") },
        { RunState::Cancelled, QLatin1StringView("cancelled") },
        { RunState::Interrupted, QLatin1StringView("interrupted") },
    };
    return names;
}

namespace {

using S = RunState;

// The transition table, one row per state (terminal states have none).
constexpr S fromQueued[] = { S::Provisioning, S::Failed, S::Cancelled };
constexpr S fromProvisioning[] = { S::Running, S::Failed, S::Cancelled, S::Interrupted };
constexpr S fromRunning[] = { S::WaitingForHuman, S::InReview, S::Failed, S::Cancelled, S::Interrupted };
// A rejected plan ends the run; an answered question lets it go on.
constexpr S fromWaitingForHuman[] = { S::Running, S::Rejected, S::Failed, S::Cancelled, S::Interrupted };
constexpr S fromInReview[] = { S::Approved, S::ChangesRequested, S::Rejected, S::Cancelled };
constexpr S fromChangesRequested[] = { S::Running, S::Cancelled, S::Interrupted };
// An approved report with no follow-up action completes at once.
constexpr S fromApproved[] = { S::Applying, S::Completed, S::Cancelled };
constexpr S fromApplying[] = { S::Completed, S::Failed, S::Interrupted };
// The sandbox does not survive the engine: a run resumes by provisioning
// again, or by finishing the actions it was applying.
constexpr S fromInterrupted[] = { S::Provisioning, S::Applying, S::Failed, S::Cancelled };

std::span<const S> successors(RunState from)
{
    switch (from) {
    case S::Queued:
        // A queued run has no sandbox yet: stopping the engine leaves it queued.
        return fromQueued;
    case S::Provisioning:
        return fromProvisioning;
    case S::Running:
        return fromRunning;
    case S::WaitingForHuman:
        return fromWaitingForHuman;
    case S::InReview:
        return fromInReview;
    case S::ChangesRequested:
        return fromChangesRequested;
    case S::Approved:
        return fromApproved;
    case S::Applying:
        return fromApplying;
    case S::Interrupted:
        return fromInterrupted;
    case S::Completed:
    case S::Rejected:
    case S::Failed:
    case S::Cancelled:
        return {};
    }
    return {};
}

} // namespace

bool canTransition(RunState from, RunState to)
{
    const auto next = successors(from);
    return std::find(next.begin(), next.end(), to) != next.end();
}

QList<RunState> allowedTransitions(RunState from)
{
    const auto next = successors(from);
    return QList<RunState>(next.begin(), next.end());
}

bool isTerminal(RunState state)
{
    return successors(state).empty();
}

bool isResumable(RunState state)
{
    return state == RunState::Interrupted;
}

} // namespace delegate
