// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QMap>
#include <QString>

#include <optional>

namespace delegate {

// Makes the task a run gets from a skill. The engine takes a task and the
// skill beside it but fills nothing of the task from the skill, so the
// client does. Layers, lowest first: the skill's task template, then the
// given task (its non-empty fields win; its lists add to the template's),
// then the skill's bounds (expected artifact, review point, verify
// commands) where neither sets one. {{name}} placeholders in the texts get
// the parameter values, and a skill with playbook steps runs as a playbook
// unless the task names a model or another runtime.
class SkillTask final
{
public:
    // values are the parameters given, over the task's skill.parameters
    // (not the defaults); unknown names and missing required ones are errors.
    static std::optional<TaskSpec> make(const Skill &skill, const TaskSpec &base,
                                        const QMap<QString, QString> &values, QString *error);
    // The skill's parameters with the given values over its defaults.
    static std::optional<QMap<QString, QString>>
    resolve(const Skill &skill, const QMap<QString, QString> &values, QString *error);
    // The given task over the skill's template, before any placeholder is filled.
    static TaskSpec overTemplate(const TaskSpec &templateTask, const TaskSpec &task);
};

} // namespace delegate
