// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lintreport.h"

namespace delegate {

struct TaskSpec;

// Judges a task against the four elements of work a background agent can do
// unattended: a bounded scope with context, an environment, limits, and a
// reviewable artifact with criteria and a human review point. Every rule is
// documented in docs/tasks.md; the verdict follows from the findings:
//   unbounded          the objective is vague or missing, and there is neither
//                      a scope nor an expected artifact;
//   bounded            no finding of error severity (all four elements hold);
//   partially-bounded  anything in between.
class BoundedTaskLint final
{
public:
    LintReport lint(const TaskSpec &task) const;
};

} // namespace delegate
