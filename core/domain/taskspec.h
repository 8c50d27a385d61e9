// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agentspec.h"
#include "checkpointpolicy.h"
#include "contextitem.h"
#include "expectedartifact.h"
#include "fielderror.h"
#include "skillreference.h"
#include "tasklimits.h"
#include "taskscope.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace delegate {

class JsonReader;

// A bounded task: what to achieve, where, with what context, within which
// limits, and what comes back for review. Stored and exchanged as JSON; people
// write it as YAML (TaskYaml) with the same snake_case keys.
struct TaskSpec
{
    static constexpr int maximumAttempts = 32;

    QString title;
    QString objective;
    TaskScope scope;
    QList<ContextItem> context;
    QStringList constraints;
    ExpectedArtifact expectedArtifact;
    QStringList acceptanceCriteria;
    QStringList verifyCommands;
    CheckpointPolicy checkpointPolicy = CheckpointPolicy::None;
    TaskLimits limits;
    QString environment; // the name of an EnvironmentProfile
    AgentSpec agent;
    int attempts = 1; // best-of-N: N runs of the same task, compared in review
    SkillReference skill;

    QJsonObject toJson() const;
    // std::nullopt when the JSON is not a valid task; errors (if given) say why.
    static std::optional<TaskSpec> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    // Reads through a reader that collects errors with field paths; the YAML
    // loader uses it to reject unknown keys and report source positions.
    static TaskSpec read(JsonReader &reader);

    friend bool operator==(const TaskSpec &, const TaskSpec &) = default;
};

} // namespace delegate
