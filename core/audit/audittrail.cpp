// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittrail.h"

#include "domain/environmentprofile.h"
#include "domain/environmentyaml.h"
#include "domain/taskspec.h"
#include "domain/taskyaml.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString compact(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QString::number(value.toDouble());
    return {};
}

QString indented(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return compact(value);
}

bool isCommand(const QJsonObject &call)
{
    static const QStringList names { u"run"_s, u"bash"_s, u"shell"_s, u"command"_s, u"command_execution"_s };
    return names.contains(call.value("name"_L1).toString(), Qt::CaseInsensitive)
        || call.value("arguments"_L1).toObject().contains("command"_L1);
}

// A call's arguments as they were given: a command line as a shell prompt,
// anything else one argument a line.
QString argumentsText(const QJsonObject &call)
{
    const QJsonObject arguments = call.value("arguments"_L1).toObject();
    if (arguments.isEmpty())
        return call.value("raw_arguments"_L1).toString();
    if (arguments.contains("command"_L1)) {
        QString text = u"$ "_s + compact(arguments.value("command"_L1));
        for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it) {
            if (it.key() != "command"_L1)
                text += u'\n' + it.key() + u": "_s + compact(it.value());
        }
        return text;
    }
    QStringList lines;
    for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it) {
        const QString value = indented(it.value());
        lines.append(it.key() + (value.contains(u'\n') ? u":\n"_s : u": "_s) + value);
    }
    return lines.join(u'\n');
}

// The built-in `run` tool reports "exit code: N" on its first line; other
// runtimes send exit_code as a field.
std::optional<int> exitCodeOf(const QJsonObject &result)
{
    const QJsonValue field = result.value("exit_code"_L1);
    if (field.isDouble())
        return field.toInt();
    const QString output = result.value("output"_L1).toString();
    if (!output.startsWith("exit code: "_L1))
        return std::nullopt;
    bool ok = false;
    const int code = output.mid(11).section(u'\n', 0, 0).section(u' ', 0, 0).toInt(&ok);
    return ok ? std::optional<int>(code) : std::nullopt;
}

QString agentText(const QJsonObject &agent)
{
    QString text = agent.value("runtime"_L1).toString();
    const QString model = agent.value("model"_L1).toString();
    const QString provider = agent.value("provider"_L1).toString();
    if (!model.isEmpty() || !provider.isEmpty()) {
        const QString which = provider.isEmpty() ? model
            : model.isEmpty()                    ? provider
                                                 : provider + u'/' + model;
        text += (text.isEmpty() ? QString() : u" · "_s) + which;
    }
    return text;
}

QString keyValues(const QJsonObject &object)
{
    QStringList parts;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        parts.append(it.key() + u": "_s + compact(it.value()));
    return parts.isEmpty() ? u"the engine's defaults"_s : parts.join(u", "_s);
}

QList<std::pair<QString, QString>> grantsOf(const QJsonObject &environment)
{
    const QJsonObject capabilities = environment.value("capabilities"_L1).toObject();
    const QJsonObject network = capabilities.value("network"_L1).toObject();
    QString networkText = network.value("mode"_L1).toString(u"none"_s);
    const QJsonArray hosts = network.value("hosts"_L1).toArray();
    if (!hosts.isEmpty()) {
        QStringList names;
        for (const QJsonValue &host : hosts)
            names.append(host.toString());
        networkText += u": "_s + names.join(u", "_s);
    }
    const auto list = [](const QJsonValue &value) {
        QStringList items;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (item.isObject()) {
                const QJsonObject mount = item.toObject();
                items.append(mount.value("host"_L1).toString() + u" → "_s
                             + mount.value("sandbox"_L1).toString());
            } else {
                items.append(item.toString());
            }
        }
        return items.isEmpty() ? u"none"_s : items.join(u", "_s);
    };
    QString sandbox = compact(environment.value("sandbox"_L1));
    if (sandbox.isEmpty())
        sandbox = u"local"_s;
    return {
        { u"sandbox"_s, sandbox },
        { u"repository"_s, capabilities.value("repository"_L1).toString(u"none"_s) },
        { u"network"_s, networkText },
        { u"tools"_s, list(capabilities.value("tools"_L1)) },
        { u"read-only mounts"_s, list(capabilities.value("mounts"_L1)) },
        { u"secrets"_s, list(capabilities.value("secrets"_L1)) },
        { u"limits"_s, keyValues(environment.value("limits"_L1).toObject()) },
    };
}

QString patchStats(const QJsonObject &content)
{
    const QJsonArray files = content.value("files"_L1).toArray();
    if (files.isEmpty())
        return {};
    qint64 added = 0;
    qint64 removed = 0;
    for (const QJsonValue &file : files) {
        added += file.toObject().value("added"_L1).toInteger();
        removed += file.toObject().value("removed"_L1).toInteger();
    }
    return u"%1 file(s), +%2 −%3"_s.arg(files.size()).arg(added).arg(removed);
}

QStringList commentLines(const QJsonObject &decision)
{
    QStringList lines;
    const QJsonArray comments = decision.value("comments"_L1).toArray();
    for (const QJsonValue &value : comments) {
        const QJsonObject comment = value.toObject();
        lines.append(u"%1:%2: %3"_s.arg(comment.value("file"_L1).toString(),
                                        QString::number(comment.value("line"_L1).toInt()),
                                        comment.value("text"_L1).toString()));
    }
    return lines;
}

// Folds a run's events into entries; a tool's result joins its call.
class EntryBuilder
{
public:
    explicit EntryBuilder(AuditTrail &trail)
        : m_trail(trail)
    { }

    void add(const Event &event)
    {
        AuditEntry entry;
        entry.sequence = event.sequence;
        entry.time = event.time;
        entry.actor = event.actor;
        const QJsonObject &payload = event.payload;
        const QString &kind = event.kind;
        if (kind == "tool.result"_L1) {
            addResult(payload);
            return;
        }
        if (kind == "agent.usage"_L1 || kind == "run.usage"_L1)
            return; // the totals are in the trail's header
        if (kind == "run.submitted"_L1) {
            entry.kind = AuditEntry::Kind::Submission;
            entry.heading = u"Submitted"_s;
            const QJsonObject task = payload.value("run"_L1).toObject().value("task"_L1).toObject();
            entry.text = task.value("title"_L1).toString(task.value("objective"_L1).toString());
        } else if (kind == "run.state_changed"_L1) {
            entry.kind = AuditEntry::Kind::State;
            const QString to = payload.value("to"_L1).toString();
            const QString reason = payload.value("reason"_L1).toString();
            entry.heading = u"State: "_s + to;
            entry.text = u"from "_s + payload.value("from"_L1).toString()
                + (reason.isEmpty() ? QString() : u": "_s + reason);
            entry.failed = to == "failed"_L1 || to == "rejected"_L1;
        } else if (kind == "run.provisioned"_L1) {
            entry.kind = AuditEntry::Kind::Workspace;
            entry.heading = u"Workspace ready"_s;
            entry.text = u"base commit %1 on %2"_s.arg(payload.value("base_commit"_L1).toString(),
                                                       payload.value("host"_L1).toString(u"local"_s));
            entry.code = payload.value("workspace"_L1).toObject().value("branch"_L1).toString();
        } else if (kind == "agent.started"_L1 || kind == "agent.finished"_L1) {
            entry.kind = AuditEntry::Kind::Agent;
            const bool started = kind == "agent.started"_L1;
            entry.heading = started ? u"Agent started"_s : u"Agent finished"_s;
            if (started) {
                entry.text = agentText(payload);
            } else {
                entry.text = payload.value("reason"_L1).toString(payload.value("text"_L1).toString());
                entry.outcome = payload.value("status"_L1).toString();
                entry.failed = entry.outcome == "error"_L1;
            }
        } else if (kind == "agent.message"_L1 || kind == "agent.thinking"_L1) {
            entry.kind = AuditEntry::Kind::Message;
            const bool toAgent = payload.value("role"_L1).toString() == "user"_L1;
            if (kind == "agent.thinking"_L1)
                entry.heading = u"Agent thinking"_s;
            else if (!toAgent)
                entry.heading = u"Agent"_s;
            else if (payload.value("review"_L1).toBool())
                entry.heading = u"Review for the agent"_s;
            else if (payload.value("revision"_L1).toBool())
                entry.heading = u"Revision note for the agent"_s;
            else
                entry.heading = u"Message for the agent"_s;
            entry.text = payload.value("text"_L1).toString();
        } else if (kind == "tool.call"_L1) {
            entry.kind = AuditEntry::Kind::ToolCall;
            const QString name = payload.value("name"_L1).toString(u"tool"_s);
            entry.heading = isCommand(payload) ? u"Command (%1)"_s.arg(name) : name;
            entry.code = argumentsText(payload);
            m_openCalls.insert(payload.value("id"_L1).toString(), m_trail.entries.size());
        } else if (kind == "checkpoint.opened"_L1) {
            const QJsonObject checkpoint = payload.value("checkpoint"_L1).toObject();
            entry.kind = AuditEntry::Kind::Checkpoint;
            entry.heading = u"Checkpoint: %1"_s.arg(checkpoint.value("kind"_L1).toString());
            entry.text = checkpoint.value("prompt"_L1).toString();
            entry.code = checkpoint.value("body"_L1).toString();
            entry.outcome = checkpoint.value("id"_L1).toString();
        } else if (kind == "checkpoint.decided"_L1) {
            const QJsonObject decision = payload.value("decision"_L1).toObject();
            entry.kind = AuditEntry::Kind::Decision;
            entry.heading = u"Decided by %1 (%2)"_s.arg(decision.value("decider"_L1).toString(),
                                                        decision.value("role"_L1).toString());
            entry.text = decision.value("text"_L1).toString();
            entry.outcome = decision.value("verdict"_L1).toString();
            entry.failed = entry.outcome == "reject"_L1;
        } else if (kind == "artifact.submitted"_L1) {
            const QJsonObject artifact = payload.value("artifact"_L1).toObject();
            entry.kind = AuditEntry::Kind::Artifact;
            entry.heading = u"Version %1 (%2)"_s.arg(artifact.value("version"_L1).toInt())
                                .arg(artifact.value("kind"_L1).toString());
            entry.text = artifact.value("summary"_L1).toString();
            if (payload.contains("revised_by"_L1))
                entry.outcome = u"revised by "_s + payload.value("revised_by"_L1).toString();
            else
                entry.outcome = patchStats(artifact.value("content"_L1).toObject());
        } else if (kind == "review.decided"_L1) {
            const QJsonObject decision = payload.value("decision"_L1).toObject();
            entry.kind = AuditEntry::Kind::Review;
            entry.heading = u"Review of version %1 by %2"_s.arg(payload.value("version"_L1).toInt())
                                .arg(decision.value("decider"_L1).toString());
            entry.text = decision.value("text"_L1).toString();
            entry.code = commentLines(decision).join(u'\n');
            entry.outcome = decision.value("verdict"_L1).toString();
            entry.failed = entry.outcome == "reject"_L1;
        } else if (kind == "action.executed"_L1) {
            entry.kind = AuditEntry::Kind::Action;
            entry.heading = u"Action %1"_s.arg(payload.value("kind"_L1).toString());
            entry.text = payload.value("message"_L1).toString();
            entry.code = indented(payload.value("parameters"_L1));
            entry.failed = !payload.value("ok"_L1).toBool();
            entry.outcome = entry.failed ? u"failed"_s : u"done"_s;
        } else if (kind == "run.steered"_L1 || kind == "run.paused"_L1 || kind == "run.resumed"_L1) {
            entry.kind = AuditEntry::Kind::Steering;
            entry.heading = kind == "run.steered"_L1 ? u"Steered"_s
                : kind == "run.paused"_L1            ? u"Paused"_s
                                                     : u"Resumed"_s;
            entry.text = payload.value("text"_L1).toString(payload.value("reason"_L1).toString());
        } else {
            entry.kind = AuditEntry::Kind::Other;
            entry.heading = kind;
            entry.code = indented(payload);
        }
        m_trail.entries.append(entry);
    }

private:
    void addResult(const QJsonObject &result)
    {
        const auto it = m_openCalls.constFind(result.value("id"_L1).toString());
        if (it == m_openCalls.cend())
            return;
        AuditEntry &call = m_trail.entries[*it];
        const std::optional<int> exitCode = exitCodeOf(result);
        const bool error = result.value("is_error"_L1).toBool();
        call.outcome = exitCode ? u"exit %1"_s.arg(*exitCode) : error ? u"error"_s : u"ok"_s;
        call.failed = error || (exitCode && *exitCode != 0);
        const QString output = result.value("output"_L1).toString();
        if (!output.isEmpty())
            call.code += u"\n"_s + output;
        m_openCalls.remove(result.value("id"_L1).toString());
    }

    AuditTrail &m_trail;
    QHash<QString, qsizetype> m_openCalls; // tool call id -> entry index
};

void addSubmission(AuditTrail &trail, const QJsonObject &detail)
{
    const QJsonObject run = detail.value("run"_L1).toObject();
    const QJsonObject task = run.value("task"_L1).toObject();
    trail.runId = run.value("id"_L1).toString();
    trail.title = task.value("title"_L1).toString();
    if (trail.title.isEmpty())
        trail.title = task.value("objective"_L1).toString().section(u'\n', 0, 0).left(120);
    trail.state = run.value("state"_L1).toString();
    trail.reason = detail.value("reason"_L1).toString();
    trail.submittedAt = timeOf(run.value("created_at"_L1));
    trail.agent = agentText(task.value("agent"_L1).toObject());
    trail.skill = task.value("skill"_L1).toObject().value("name"_L1).toString();
    trail.baseCommit = run.value("base_commit"_L1).toString();
    trail.host = run.value("host"_L1).toString();
    const QJsonObject usage = run.value("usage"_L1).toObject();
    trail.tokensIn = usage.value("tokens_in"_L1).toInteger();
    trail.tokensOut = usage.value("tokens_out"_L1).toInteger();
    trail.costUsd = usage.value("cost_usd"_L1).toDouble();
    trail.steps = usage.value("steps"_L1).toInt();

    // The YAML a person would write, from the values the run kept; the JSON
    // itself when it no longer reads as a task (a newer engine's fields).
    if (const std::optional<TaskSpec> spec = TaskSpec::fromJson(task))
        trail.taskYaml = QString::fromUtf8(TaskYaml::save(*spec));
    else
        trail.taskYaml = indented(task);
    const QJsonObject environment = detail.value("environment"_L1).toObject();
    trail.environmentName = environment.value("name"_L1).toString(run.value("environment"_L1).toString());
    if (const std::optional<EnvironmentProfile> profile = EnvironmentProfile::fromJson(environment))
        trail.environmentYaml = QString::fromUtf8(EnvironmentYaml::save(*profile));
    else
        trail.environmentYaml = indented(environment);
    trail.grants = grantsOf(environment);
}

void addCheckpoints(AuditTrail &trail, const QJsonObject &detail)
{
    const QJsonArray checkpoints = detail.value("checkpoints"_L1).toArray();
    for (const QJsonValue &value : checkpoints) {
        const QJsonObject checkpoint = value.toObject();
        const QJsonObject decision = checkpoint.value("decision"_L1).toObject();
        AuditCheckpoint item;
        item.id = checkpoint.value("id"_L1).toString();
        item.kind = checkpoint.value("kind"_L1).toString();
        item.prompt = checkpoint.value("prompt"_L1).toString();
        item.body = checkpoint.value("body"_L1).toString();
        item.openedAt = timeOf(checkpoint.value("created_at"_L1));
        item.decider = decision.value("decider"_L1).toString();
        item.role = decision.value("role"_L1).toString();
        item.verdict = decision.value("verdict"_L1).toString();
        item.answer = decision.value("text"_L1).toString();
        item.decidedAt = timeOf(decision.value("decided_at"_L1));
        trail.checkpoints.append(item);
    }
}

void addArtifacts(AuditTrail &trail, const QJsonObject &detail, const QList<Event> &events)
{
    const QJsonArray artifacts = detail.value("artifacts"_L1).toArray();
    for (const QJsonValue &value : artifacts) {
        const QJsonObject artifact = value.toObject();
        AuditArtifact item;
        item.version = artifact.value("version"_L1).toInt();
        item.kind = artifact.value("kind"_L1).toString();
        item.summary = artifact.value("summary"_L1).toString();
        item.submittedAt = timeOf(artifact.value("created_at"_L1));
        item.submittedBy = u"agent"_s;
        item.stats = patchStats(artifact.value("content"_L1).toObject());
        trail.artifacts.append(item);
    }
    // Who handed a version in and who reviewed it are in the events.
    for (const Event &event : events) {
        const int version = event.kind == "artifact.submitted"_L1
            ? event.payload.value("artifact"_L1).toObject().value("version"_L1).toInt()
            : event.payload.value("version"_L1).toInt();
        if (version < 1 || version > trail.artifacts.size())
            continue;
        AuditArtifact &item = trail.artifacts[version - 1];
        if (event.kind == "artifact.submitted"_L1) {
            if (event.payload.contains("revised_by"_L1))
                item.submittedBy = event.payload.value("revised_by"_L1).toString();
            if (!item.submittedAt.isValid())
                item.submittedAt = event.time;
        } else if (event.kind == "review.decided"_L1) {
            const QJsonObject decision = event.payload.value("decision"_L1).toObject();
            item.reviewer = decision.value("decider"_L1).toString();
            item.verdict = decision.value("verdict"_L1).toString();
            item.reviewText = decision.value("text"_L1).toString();
            item.comments = commentLines(decision);
            item.reviewedAt = timeOf(decision.value("decided_at"_L1));
            if (!item.reviewedAt.isValid())
                item.reviewedAt = event.time;
        }
    }
}

void addActions(AuditTrail &trail, const QList<Event> &events)
{
    for (const Event &event : events) {
        if (event.kind != "action.executed"_L1)
            continue;
        AuditAction action;
        action.kind = event.payload.value("kind"_L1).toString();
        action.ok = event.payload.value("ok"_L1).toBool();
        action.message = event.payload.value("message"_L1).toString();
        action.parameters = event.payload.value("parameters"_L1).toObject();
        action.releasedBy = event.actor;
        action.time = event.time;
        trail.actions.append(action);
    }
}

} // namespace

QString AuditEntry::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Submission:
        return u"submission"_s;
    case Kind::State:
        return u"state"_s;
    case Kind::Workspace:
        return u"workspace"_s;
    case Kind::Agent:
        return u"agent"_s;
    case Kind::Message:
        return u"message"_s;
    case Kind::ToolCall:
        return u"tool"_s;
    case Kind::Checkpoint:
        return u"checkpoint"_s;
    case Kind::Decision:
        return u"decision"_s;
    case Kind::Artifact:
        return u"artifact"_s;
    case Kind::Review:
        return u"review"_s;
    case Kind::Action:
        return u"action"_s;
    case Kind::Steering:
        return u"steering"_s;
    case Kind::Other:
        break;
    }
    return u"other"_s;
}

AuditTrail AuditTrail::build(const QJsonObject &detail, const QList<Event> &events)
{
    AuditTrail trail;
    addSubmission(trail, detail);
    addCheckpoints(trail, detail);
    addArtifacts(trail, detail, events);
    addActions(trail, events);
    EntryBuilder entries(trail);
    for (const Event &event : events) {
        if (event.kind == "run.submitted"_L1)
            trail.submittedBy = event.actor;
        entries.add(event);
    }
    if (!events.isEmpty()) {
        const Event &first = events.constFirst();
        const Event &last = events.constLast();
        trail.firstEvent = ChainAnchor { first.sequence, first.hash, first.prevHash };
        trail.lastEvent = ChainAnchor { last.sequence, last.hash, last.prevHash };
    }
    return trail;
}

QList<AuditEntry> AuditTrail::entriesOf(AuditEntry::Kind kind) const
{
    QList<AuditEntry> found;
    for (const AuditEntry &entry : entries) {
        if (entry.kind == kind)
            found.append(entry);
    }
    return found;
}

QJsonObject AuditTrail::toJson() const
{
    const auto timeText = [](const QDateTime &time) {
        return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
    };
    const auto anchorJson = [](const std::optional<ChainAnchor> &anchor) {
        if (!anchor)
            return QJsonValue();
        return QJsonValue(QJsonObject { { u"sequence"_s, anchor->sequence },
                                        { u"hash"_s, anchor->hash },
                                        { u"prev_hash"_s, anchor->prevHash } });
    };
    QJsonArray entryArray;
    for (const AuditEntry &entry : entries) {
        entryArray.append(QJsonObject { { u"sequence"_s, entry.sequence },
                                        { u"time"_s, timeText(entry.time) },
                                        { u"actor"_s, entry.actor },
                                        { u"kind"_s, AuditEntry::kindName(entry.kind) },
                                        { u"heading"_s, entry.heading },
                                        { u"text"_s, entry.text },
                                        { u"code"_s, entry.code },
                                        { u"outcome"_s, entry.outcome },
                                        { u"failed"_s, entry.failed } });
    }
    return { { u"run_id"_s, runId },
             { u"title"_s, title },
             { u"state"_s, state },
             { u"submitted_by"_s, submittedBy },
             { u"submitted_at"_s, timeText(submittedAt) },
             { u"environment"_s, environmentName },
             { u"first_event"_s, anchorJson(firstEvent) },
             { u"last_event"_s, anchorJson(lastEvent) },
             { u"entries"_s, entryArray } };
}

} // namespace delegate
