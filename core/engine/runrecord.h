// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifact.h"
#include "domain/checkpoint.h"
#include "domain/decision.h"
#include "domain/environmentprofile.h"
#include "domain/run.h"
#include "domain/skill.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace delegate {

// Everything the engine knows about one run, as rebuilt from its lifecycle
// events: the run itself, the environment and skill as they were when it
// was submitted, its checkpoints with their decisions, every artifact
// version, its reviews and actions.
struct RunRecord
{
    struct CheckpointEntry
    {
        Checkpoint checkpoint;
        std::optional<Decision> decision;
    };

    Run run;
    EnvironmentProfile environment;
    std::optional<Skill> skill;
    int priority = 0; // higher starts first
    qint64 submittedSequence = 0; // the event that submitted it: ties in priority go by this
    std::optional<double> batchBudgetUsd; // what the run's batch may spend, as given at submission
    QDateTime startedAt; // when it first left the queue; wall-time limits count from here
    QJsonObject workspace; // Workspace::toJson() once provisioned
    QList<CheckpointEntry> checkpoints;
    QList<Artifact> artifacts; // version 1, 2, …
    QList<Decision> reviews; // one per reviewed version
    QJsonArray actions; // action.executed payloads
    QStringList steering; // every steering message, oldest first
    QString lastReason; // why the run last changed state (failures, cancels)
    std::optional<RunState> interruptedFrom; // the state the engine stopped in
    bool paused = false;
    bool budgetApproved = false; // a person let it start past a daily or batch budget
    // How long it waited for people at checkpoints: the finished stretches
    // in waiting_for_human, and when the current one began (invalid when
    // it is not waiting). The team's figures read these.
    qint64 waitedForHumanMs = 0;
    QDateTime waitingSince;

    const CheckpointEntry *checkpoint(const QString &id) const;
    CheckpointEntry *checkpoint(const QString &id);
    const Artifact *latestArtifact() const { return artifacts.isEmpty() ? nullptr : &artifacts.constLast(); }
    QList<Checkpoint> openCheckpoints() const;
    // Whether an action did something with the run's branch (or anything
    // else) that removing the workspace must not undo.
    bool actedUpon() const;
    bool hasOpenCheckpoint(Checkpoint::Kind kind) const;

    // The summary clients list: the run without its task's long text.
    QJsonObject summaryJson() const;
    // Everything: the run, its checkpoints (with decisions), artifacts (patch
    // text included), reviews and actions.
    QJsonObject detailJson() const;
};

} // namespace delegate
