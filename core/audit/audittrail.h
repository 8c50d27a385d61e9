// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/event.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace delegate {

// One thing that happened in a run, as a reviewer outside Delegate reads
// it: who did it and when, what it was, and how it ended.
struct AuditEntry
{
    enum class Kind {
        Submission,
        State, // run.state_changed
        Workspace, // run.provisioned
        Agent, // the agent started or finished
        Message, // an agent's message or thinking, or a message for the agent
        ToolCall, // with its result folded in
        Checkpoint, // opened
        Decision, // a checkpoint decided
        Artifact, // a version handed in (or revised by a person)
        Review, // a verdict on a version
        Action, // an action an approval released, with its outcome
        Steering, // steer, pause, resume
        Other,
    };

    qint64 sequence = 0;
    QDateTime time;
    QString actor;
    Kind kind = Kind::Other;
    QString heading; // "Command", "read_file", "Question", "Version 2 (patch)" …
    QString text; // prose: a message, a prompt, a summary, a reason
    QString code; // monospace: a command line and its output, arguments, a plan
    QString outcome; // "exit 0", "approve", "ok" …; empty when nothing ended
    bool failed = false;

    static QString kindName(Kind kind);
};

// A checkpoint and who decided it.
struct AuditCheckpoint
{
    QString id;
    QString kind; // question, plan, action, budget
    QString prompt;
    QString body;
    QDateTime openedAt;
    QString decider; // empty while open
    QString role;
    QString verdict;
    QString answer;
    QDateTime decidedAt;
};

// One artifact version, who handed it in and the review it got.
struct AuditArtifact
{
    int version = 0;
    QString kind;
    QString summary;
    QDateTime submittedAt;
    QString submittedBy; // "system" for the agent's own hand-in, the person who revised it otherwise
    QString stats; // "2 files, +3 −1" for a patch
    QString reviewer; // empty while not reviewed
    QString verdict;
    QString reviewText;
    QStringList comments; // "file:line: text"
    QDateTime reviewedAt;
};

// An action an approval released, and how it ended.
struct AuditAction
{
    QString kind;
    bool ok = false;
    QString message;
    QString releasedBy;
    QDateTime time;
    QJsonObject parameters;
};

// Where the run's events sit in the hash chain, so a reader holding an
// export can check them.
struct ChainAnchor
{
    qint64 sequence = 0;
    QString hash;
    QString prevHash;
};

// A run's audit trail: the task's bounds as submitted, the environment and
// what it granted, every tool call and command with its result, every
// checkpoint and who decided it, every artifact version with its review,
// every action with its outcome and every change of state, in the order
// they happened. Built from a run's detail (runs.get) and all of its events
// (runs.events); shared by the GUI, its reports and delegatectl.
struct AuditTrail
{
    QString runId;
    QString title;
    QString state;
    QString reason; // why the run last changed state
    QString submittedBy;
    QDateTime submittedAt;
    QString agent; // "builtin · openai/gpt-…"
    QString skill;
    QString baseCommit;
    QString host;
    qint64 tokensIn = 0;
    qint64 tokensOut = 0;
    double costUsd = 0;
    int steps = 0;

    QString taskYaml; // the task as submitted, as people write it
    QString environmentName;
    QString environmentYaml; // the environment as it was at submission
    QList<std::pair<QString, QString>> grants; // what the environment grants: ("network", "none") …

    QList<AuditCheckpoint> checkpoints;
    QList<AuditArtifact> artifacts;
    QList<AuditAction> actions;
    QList<AuditEntry> entries; // in sequence order

    std::optional<ChainAnchor> firstEvent;
    std::optional<ChainAnchor> lastEvent;

    // detail is what runs.get returns; events are all of the run's events,
    // in sequence order.
    static AuditTrail build(const QJsonObject &detail, const QList<Event> &events);

    // The entries of one kind, in order.
    QList<AuditEntry> entriesOf(AuditEntry::Kind kind) const;

    // The header, the chain anchors and the entries, for scripts
    // (delegatectl audit trail --json).
    QJsonObject toJson() const;
};

} // namespace delegate
