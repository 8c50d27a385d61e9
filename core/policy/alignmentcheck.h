// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alignmentreport.h"

namespace delegate {

struct Capabilities;
struct EnvironmentProfile;
struct Skill;
struct TaskSpec;

// Least privilege, checked: given what a task (and its skill) needs and what
// an environment grants, reports what is missing (the task cannot be done)
// and what is excess (granted but unused). Each finding carries the YAML
// change that fixes it; all fixes of one field agree, so applying any of them
// gives the aligned value.
class AlignmentCheck final
{
public:
    static AlignmentReport check(const TaskSpec &task, const EnvironmentProfile &environment,
                                 const Skill *skill = nullptr);
    static AlignmentReport check(const CapabilityNeeds &needs, const Capabilities &granted);

    // Whether an allowlist entry ("api.github.com", "*.example.com") lets a host through.
    static bool hostMatches(const QString &pattern, const QString &host);
};

} // namespace delegate
