// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alignmentfinding.h"
#include "domain/environmentprofile.h"

#include <optional>

namespace delegate {

// Applies an alignment finding's fix to an environment: sets the finding's
// field (`capabilities.tools`) to its YAML value (`[git, make]`). Since all
// fixes of one field agree, applying any of them gives the aligned value.
class AlignmentFix final
{
public:
    // The changed environment, or nothing with the reason when the fix does
    // not read as a value of that field.
    static std::optional<EnvironmentProfile>
    apply(const AlignmentFinding &finding, const EnvironmentProfile &environment, QString *error = nullptr);
};

} // namespace delegate
