// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkpointpolicy.h"

namespace delegate {

template<> std::span<const EnumName<CheckpointPolicy>> enumNames<CheckpointPolicy>()
{
    static constexpr EnumName<CheckpointPolicy> names[] = {
        { CheckpointPolicy::None, QLatin1StringView("none") },
        { CheckpointPolicy::ReviewPlan, QLatin1StringView("review-plan") },
        { CheckpointPolicy::ReviewBeforeAction, QLatin1StringView("review-before-action") },
    };
    return names;
}

} // namespace delegate
