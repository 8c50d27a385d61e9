// SPDX-License-Identifier: GPL-3.0-or-later
#include "runrecord.h"

#include "domain/enumnames.h"

using namespace Qt::StringLiterals;

namespace delegate {

const RunRecord::CheckpointEntry *RunRecord::checkpoint(const QString &id) const
{
    for (const CheckpointEntry &entry : checkpoints) {
        if (entry.checkpoint.id == id)
            return &entry;
    }
    return nullptr;
}

RunRecord::CheckpointEntry *RunRecord::checkpoint(const QString &id)
{
    for (CheckpointEntry &entry : checkpoints) {
        if (entry.checkpoint.id == id)
            return &entry;
    }
    return nullptr;
}

QList<Checkpoint> RunRecord::openCheckpoints() const
{
    QList<Checkpoint> open;
    for (const CheckpointEntry &entry : checkpoints) {
        if (!entry.decision)
            open.append(entry.checkpoint);
    }
    return open;
}

bool RunRecord::actedUpon() const
{
    return std::any_of(actions.cbegin(), actions.cend(),
                       [](const QJsonValue &action) { return action.toObject().value("ok"_L1).toBool(); });
}

bool RunRecord::hasOpenCheckpoint(Checkpoint::Kind kind) const
{
    return std::any_of(checkpoints.cbegin(), checkpoints.cend(), [kind](const CheckpointEntry &entry) {
        return !entry.decision && entry.checkpoint.kind == kind;
    });
}

QJsonObject RunRecord::summaryJson() const
{
    QJsonObject json = run.toJson();
    const QJsonObject task = json.value("task"_L1).toObject();
    json.remove(u"task"_s);
    json.insert(u"title"_s, run.task.title.isEmpty() ? run.task.objective.left(120) : run.task.title);
    json.insert(u"skill"_s, run.task.skill.name);
    json.insert(u"agent"_s, task.value("agent"_L1));
    json.insert(u"open_checkpoints"_s, int(openCheckpoints().size()));
    json.insert(u"artifact_versions"_s, int(artifacts.size()));
    if (const Artifact *artifact = latestArtifact())
        json.insert(u"artifact_kind"_s, enumToString(artifact->kind()));
    if (!lastReason.isEmpty())
        json.insert(u"reason"_s, lastReason);
    json.insert(u"priority"_s, priority);
    json.insert(u"paused"_s, paused);
    return json;
}

QJsonObject RunRecord::detailJson() const
{
    QJsonObject json { { u"run"_s, run.toJson() },
                       { u"environment"_s, environment.toJson() },
                       { u"priority"_s, priority },
                       { u"paused"_s, paused } };
    if (skill)
        json.insert(u"skill"_s, skill->toJson());
    if (batchBudgetUsd)
        json.insert(u"batch_budget_usd"_s, *batchBudgetUsd);
    if (!workspace.isEmpty())
        json.insert(u"workspace"_s, workspace);
    QJsonArray checkpointArray;
    for (const CheckpointEntry &entry : checkpoints) {
        QJsonObject item = entry.checkpoint.toJson();
        if (entry.decision)
            item.insert(u"decision"_s, entry.decision->toJson());
        checkpointArray.append(item);
    }
    json.insert(u"checkpoints"_s, checkpointArray);
    QJsonArray artifactArray;
    for (const Artifact &artifact : artifacts)
        artifactArray.append(artifact.toJson());
    json.insert(u"artifacts"_s, artifactArray);
    QJsonArray reviewArray;
    for (const Decision &review : reviews)
        reviewArray.append(review.toJson());
    json.insert(u"reviews"_s, reviewArray);
    json.insert(u"actions"_s, actions);
    json.insert(u"steering"_s, QJsonArray::fromStringList(steering));
    if (!lastReason.isEmpty())
        json.insert(u"reason"_s, lastReason);
    return json;
}

} // namespace delegate
