// SPDX-License-Identifier: GPL-3.0-or-later
#include "skill.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject Skill::toJson() const
{
    QJsonObject json {
        { QLatin1String("name"), name },
        { QLatin1String("description"), description },
        { QLatin1String("parameters"), json::array(parameters) },
        { QLatin1String("expected_artifact"), expectedArtifact.toJson() },
        { QLatin1String("required_capabilities"), requiredCapabilities.toJson() },
        { QLatin1String("checkpoint_policy"), enumToString(checkpointPolicy) },
        { QLatin1String("verify"), json::array(verifyCommands) },
        { QLatin1String("playbook"), json::array(playbook) },
        { QLatin1String("instructions"), instructions },
    };
    if (task)
        json.insert(QLatin1String("task"), task->toJson());
    return json;
}

std::optional<Skill> Skill::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    return readJsonObject<Skill>(json, errors);
}

Skill Skill::read(JsonReader &reader)
{
    Skill skill;
    skill.name = reader.text(QLatin1StringView("name"), JsonReader::Need::Required);
    skill.description = reader.text(QLatin1StringView("description"));
    skill.parameters = reader.list<SkillParameter>(QLatin1StringView("parameters"), &SkillParameter::read);
    JsonReader artifact = reader.object(QLatin1StringView("expected_artifact"));
    skill.expectedArtifact = ExpectedArtifact::read(artifact);
    JsonReader capabilities = reader.object(QLatin1StringView("required_capabilities"));
    skill.requiredCapabilities = Capabilities::read(capabilities);
    skill.checkpointPolicy = reader.enumeration<CheckpointPolicy>(QLatin1StringView("checkpoint_policy"))
                                 .value_or(CheckpointPolicy::None);
    skill.verifyCommands = reader.textList(QLatin1StringView("verify"));
    skill.playbook = reader.list<PlaybookStep>(QLatin1StringView("playbook"), &PlaybookStep::read);
    skill.instructions = reader.text(QLatin1StringView("instructions"));
    if (reader.has(QLatin1StringView("task"))) {
        JsonReader task = reader.object(QLatin1StringView("task"));
        skill.task = TaskSpec::read(task);
    }
    reader.finish();
    return skill;
}

} // namespace delegate
