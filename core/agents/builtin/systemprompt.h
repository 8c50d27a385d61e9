// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/taskspec.h"

#include <QString>

namespace delegate {

// The built-in agent's standing instructions, built from the task's bounds,
// the repository's AGENTS.md and the skill's instructions. The bounds are
// written out field by field so the model works inside them.
struct SystemPromptInputs
{
    TaskSpec task;
    QString agentsMd; // the repository's AGENTS.md, when it has one
    QString skillInstructions;
    bool planRequired = false; // write tools closed until a plan is approved
    QStringList toolNames;
};

QString buildSystemPrompt(const SystemPromptInputs &inputs);
// The first user turn: the objective and the context the task attached.
QString buildTaskMessage(const TaskSpec &task);

} // namespace delegate
