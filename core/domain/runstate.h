// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

#include <QList>

namespace delegate {

// Where one run is in its life:
//   queued -> provisioning -> running <-> waiting_for_human -> in_review
//   -> (changes_requested -> running ...) -> approved -> applying -> completed
// or it ends rejected, failed or cancelled. interrupted means the engine
// stopped mid-run; such a run resumes.
enum class RunState {
    Queued,
    Provisioning,
    Running,
    WaitingForHuman,
    InReview,
    ChangesRequested,
    Approved,
    Applying,
    Completed,
    Rejected,
    Failed,
    Cancelled,
    Interrupted,
};

template<> std::span<const EnumName<RunState>> enumNames<RunState>();

// Whether a run may move from one state to the other. Staying in the same
// state is not a transition.
bool canTransition(RunState from, RunState to);
// Every state a run in `from` may move to.
QList<RunState> allowedTransitions(RunState from);
// completed, rejected, failed and cancelled: nothing follows.
bool isTerminal(RunState state);
// interrupted: the engine resumes such a run when it starts again.
bool isResumable(RunState state);

} // namespace delegate
