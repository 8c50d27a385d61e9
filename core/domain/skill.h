// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capabilities.h"
#include "checkpointpolicy.h"
#include "expectedartifact.h"
#include "fielderror.h"
#include "playbookstep.h"
#include "skillparameter.h"
#include "taskspec.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace delegate {

class JsonReader;

// A repeatable task: the bounds every task made from it shares (parameters,
// artifact, capabilities, review point, checks) and the agent's instructions.
// On disk it is an Agent Skills folder; this is its value once read.
struct Skill
{
    QString name;
    QString description;
    QList<SkillParameter> parameters;
    ExpectedArtifact expectedArtifact;
    Capabilities requiredCapabilities;
    CheckpointPolicy checkpointPolicy = CheckpointPolicy::None;
    QStringList verifyCommands;
    QList<PlaybookStep> playbook;
    QString instructions; // the body of SKILL.md, Markdown
    // What every task made from the skill starts from (objective, scope,
    // context, constraints, acceptance criteria, limits), its texts with
    // {{parameter}} placeholders; what a task sets itself comes first.
    std::optional<TaskSpec> task;

    QJsonObject toJson() const;
    static std::optional<Skill> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    static Skill read(JsonReader &reader);

    friend bool operator==(const Skill &, const Skill &) = default;
};

} // namespace delegate
