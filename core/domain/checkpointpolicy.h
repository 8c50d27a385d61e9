// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

namespace delegate {

// Where a run stops for a human before it goes on.
enum class CheckpointPolicy {
    None, // the run goes straight to its artifact
    ReviewPlan, // the agent investigates, then presents a plan before it changes anything
    ReviewBeforeAction, // the agent presents its result before anything acts on it
};

template<> std::span<const EnumName<CheckpointPolicy>> enumNames<CheckpointPolicy>();

} // namespace delegate
