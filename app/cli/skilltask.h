// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QMap>
#include <QString>

#include <optional>

namespace delegate::cli {

// Makes the task a run gets from a skill. The engine takes a task and the
// skill beside it but fills nothing of the task from the skill, so the
// client does: the skill's bounds (expected artifact, review point, verify
// commands) go where the task template sets none, {{name}} placeholders in
// the template's texts get the parameter values, and a skill with playbook
// steps runs as a playbook unless the template names a model or another
// runtime.
class SkillTask final
{
public:
    // values are the parameters given, over the template's skill.parameters
    // (not the defaults); unknown names and missing required ones are errors.
    static std::optional<TaskSpec> make(const Skill &skill, const TaskSpec &base,
                                        const QMap<QString, QString> &values, QString *error);
    // The skill's parameters with the given values over its defaults.
    static std::optional<QMap<QString, QString>>
    resolve(const Skill &skill, const QMap<QString, QString> &values, QString *error);
};

} // namespace delegate::cli
