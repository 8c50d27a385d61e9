// SPDX-License-Identifier: GPL-3.0-or-later
#include "run.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject Run::toJson() const
{
    QJsonObject json {
        { QLatin1String("id"), id },
        { QLatin1String("task"), task.toJson() },
        { QLatin1String("environment"), environment },
        { QLatin1String("attempt_index"), attemptIndex },
        { QLatin1String("attempt_group"), attemptGroup },
        { QLatin1String("batch_id"), batchId },
        { QLatin1String("state"), enumToString(state) },
        { QLatin1String("base_commit"), baseCommit },
        { QLatin1String("usage"), usage.toJson() },
        { QLatin1String("host"), host },
    };
    json::insertTime(json, QLatin1StringView("created_at"), createdAt);
    json::insertTime(json, QLatin1StringView("updated_at"), updatedAt);
    return json;
}

std::optional<Run> Run::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    return readJsonObject<Run>(json, errors);
}

Run Run::read(JsonReader &reader)
{
    Run run;
    run.id = reader.text(QLatin1StringView("id"), JsonReader::Need::Required);
    JsonReader task = reader.object(QLatin1StringView("task"), JsonReader::Need::Required);
    run.task = TaskSpec::read(task);
    run.environment = reader.text(QLatin1StringView("environment"));
    run.attemptIndex =
        int(reader.integer(QLatin1StringView("attempt_index"), 0, TaskSpec::maximumAttempts - 1).value_or(0));
    run.attemptGroup = reader.text(QLatin1StringView("attempt_group"));
    run.batchId = reader.text(QLatin1StringView("batch_id"));
    run.state = reader.enumeration<RunState>(QLatin1StringView("state"), JsonReader::Need::Required)
                    .value_or(RunState::Queued);
    run.baseCommit = reader.text(QLatin1StringView("base_commit"));
    run.createdAt = reader.time(QLatin1StringView("created_at"));
    run.updatedAt = reader.time(QLatin1StringView("updated_at"));
    JsonReader usage = reader.object(QLatin1StringView("usage"));
    run.usage = RunUsage::read(usage);
    run.host = reader.text(QLatin1StringView("host"));
    reader.finish();
    return run;
}

} // namespace delegate
