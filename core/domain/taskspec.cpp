// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskspec.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject TaskSpec::toJson() const
{
    QJsonObject json {
        { QLatin1String("title"), title },
        { QLatin1String("objective"), objective },
        { QLatin1String("scope"), scope.toJson() },
        { QLatin1String("context"), json::array(context) },
        { QLatin1String("constraints"), json::array(constraints) },
        { QLatin1String("expected_artifact"), expectedArtifact.toJson() },
        { QLatin1String("acceptance_criteria"), json::array(acceptanceCriteria) },
        { QLatin1String("verify"), json::array(verifyCommands) },
        { QLatin1String("checkpoint_policy"), enumToString(checkpointPolicy) },
        { QLatin1String("limits"), limits.toJson() },
        { QLatin1String("environment"), environment },
        { QLatin1String("agent"), agent.toJson() },
        { QLatin1String("attempts"), attempts },
    };
    if (!skill.isEmpty())
        json.insert(QLatin1String("skill"), skill.toJson());
    return json;
}

std::optional<TaskSpec> TaskSpec::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    return readJsonObject<TaskSpec>(json, errors);
}

TaskSpec TaskSpec::read(JsonReader &reader)
{
    TaskSpec task;
    task.title = reader.text(QLatin1StringView("title"));
    task.objective = reader.text(QLatin1StringView("objective"), JsonReader::Need::Required);
    JsonReader scope = reader.object(QLatin1StringView("scope"));
    task.scope = TaskScope::read(scope);
    task.context = reader.list<ContextItem>(QLatin1StringView("context"), &ContextItem::read);
    task.constraints = reader.textList(QLatin1StringView("constraints"));
    JsonReader artifact = reader.object(QLatin1StringView("expected_artifact"));
    task.expectedArtifact = ExpectedArtifact::read(artifact);
    task.acceptanceCriteria = reader.textList(QLatin1StringView("acceptance_criteria"));
    task.verifyCommands = reader.textList(QLatin1StringView("verify"));
    task.checkpointPolicy = reader.enumeration<CheckpointPolicy>(QLatin1StringView("checkpoint_policy"))
                                .value_or(CheckpointPolicy::None);
    JsonReader limits = reader.object(QLatin1StringView("limits"));
    task.limits = TaskLimits::read(limits);
    task.environment = reader.text(QLatin1StringView("environment"));
    JsonReader agent = reader.object(QLatin1StringView("agent"));
    task.agent = AgentSpec::read(agent);
    task.attempts = int(reader.integer(QLatin1StringView("attempts"), 1, maximumAttempts).value_or(1));
    JsonReader skill = reader.object(QLatin1StringView("skill"));
    task.skill = SkillReference::read(skill);
    reader.finish();
    return task;
}

} // namespace delegate
