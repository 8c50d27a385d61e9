// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventtext.h"

#include "style/displayformat.h"
#include "style/runstatelook.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

using namespace Qt::StringLiterals;

namespace delegate::ui::eventtext {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("eventtext", text);
}

QString compact(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    default:
        return {};
    }
}

// Objects and arrays spread over lines, as an editor would show them.
QString indented(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return compact(value);
}

QString stateWord(const QString &state)
{
    return RunStateLook::of(state).word;
}

QString tokensText(qint64 in, qint64 out)
{
    return tr("%1 in · %2 out").arg(displayformat::tokens(in), displayformat::tokens(out));
}

// The built-in `run` tool reports "exit code: N" on its first line, then
// "--- stdout ---" and "--- stderr ---" sections; other runtimes send
// exit_code as a field.
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

// What a command printed, without the built-in tool's framing.
QString printedOutput(const QJsonObject &result)
{
    QStringList lines = result.value("output"_L1).toString().split(u'\n');
    if (!lines.isEmpty() && lines.constFirst().startsWith("exit code: "_L1))
        lines.removeFirst();
    lines.removeIf(
        [](const QString &line) { return line == "--- stdout ---"_L1 || line == "--- stderr ---"_L1; });
    return lines.join(u'\n');
}

} // namespace

bool isCommand(const QJsonObject &call)
{
    static const QStringList names { u"run"_s, u"bash"_s, u"shell"_s, u"command"_s, u"command_execution"_s };
    return names.contains(call.value("name"_L1).toString(), Qt::CaseInsensitive)
        || call.value("arguments"_L1).toObject().contains("command"_L1);
}

QString toolName(const QJsonObject &call)
{
    const QString name = call.value("name"_L1).toString();
    return name.isEmpty() ? tr("tool") : name;
}

QString argumentsSummary(const QJsonObject &call)
{
    const QJsonObject arguments = call.value("arguments"_L1).toObject();
    if (arguments.isEmpty() && call.contains("raw_arguments"_L1))
        return tr("malformed arguments: %1").arg(call.value("raw_arguments"_L1).toString());
    if (arguments.contains("command"_L1))
        return compact(arguments.value("command"_L1));
    QStringList parts;
    // The path says most about a file tool; put it first.
    if (arguments.contains("path"_L1))
        parts.append(compact(arguments.value("path"_L1)));
    for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it) {
        if (it.key() == "path"_L1)
            continue;
        parts.append(it.key() + u": "_s + compact(it.value()));
    }
    return oneLine(parts.join(u", "_s), 400);
}

QString argumentsText(const QJsonObject &call)
{
    const QJsonObject arguments = call.value("arguments"_L1).toObject();
    if (arguments.isEmpty())
        return call.value("raw_arguments"_L1).toString();
    if (arguments.size() == 1 && arguments.contains("command"_L1))
        return u"$ "_s + compact(arguments.value("command"_L1));
    QStringList lines;
    for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it) {
        const QString value = indented(it.value());
        lines.append(it.key() + (value.contains(u'\n') ? u":\n"_s : u": "_s) + value);
    }
    return lines.join(u'\n');
}

QString resultStatus(const QJsonObject &result)
{
    if (result.isEmpty())
        return {};
    if (const std::optional<int> exitCode = exitCodeOf(result))
        return tr("exit %1").arg(*exitCode);
    return result.value("is_error"_L1).toBool() ? tr("error") : tr("ok");
}

bool resultFailed(const QJsonObject &result)
{
    if (result.value("is_error"_L1).toBool())
        return true;
    const std::optional<int> exitCode = exitCodeOf(result);
    return exitCode && *exitCode != 0;
}

QString usageSummary(const QJsonObject &turn, const QJsonObject &totals)
{
    QString text;
    if (turn.contains("input_tokens"_L1))
        text = u"+"_s
            + tokensText(turn.value("input_tokens"_L1).toInteger(),
                         turn.value("output_tokens"_L1).toInteger());
    // The run's totals when they came with the turn, else what the turn says of them.
    qint64 in = totals.value("input_tokens"_L1).toInteger(turn.value("total_input_tokens"_L1).toInteger(-1));
    qint64 out =
        totals.value("output_tokens"_L1).toInteger(turn.value("total_output_tokens"_L1).toInteger(-1));
    if (totals.isEmpty() && !turn.contains("total_input_tokens"_L1)) {
        in = -1;
        out = -1;
    }
    const QJsonValue cost = totals.isEmpty() ? turn.value("cost_usd"_L1) : totals.value("cost_usd"_L1);
    if (in >= 0) {
        QString all = tokensText(in, out);
        if (cost.isDouble())
            all += u", "_s + displayformat::cost(cost.toDouble());
        text = text.isEmpty() ? tr("%1 in all").arg(all) : tr("%1 — %2 in all").arg(text, all);
    } else if (cost.isDouble()) {
        text += u" · "_s + displayformat::cost(cost.toDouble());
    }
    return text;
}

QString label(const QString &kind, const QJsonObject &payload)
{
    if (kind == "agent.message"_L1) {
        if (payload.value("role"_L1).toString() != "user"_L1)
            return tr("Agent");
        if (payload.value("review"_L1).toBool())
            return tr("Review for the agent");
        if (payload.value("steering"_L1).toBool())
            return tr("Steering for the agent");
        return tr("Message for the agent");
    }
    if (kind == "agent.thinking"_L1)
        return tr("Thinking");
    if (kind == "tool.call"_L1 || kind == "tool.result"_L1)
        return toolName(payload);
    if (kind == "agent.started"_L1)
        return tr("Agent started");
    if (kind == "agent.finished"_L1)
        return tr("Agent finished");
    if (kind == "agent.plan_approved"_L1)
        return tr("Plan approved");
    if (kind == "agent.usage"_L1 || kind == "run.usage"_L1)
        return tr("Usage");
    if (kind == "agent.malformed"_L1)
        return tr("Unreadable output");
    if (kind == "agent.raw"_L1)
        return tr("Agent event");
    if (kind == "run.submitted"_L1)
        return tr("Submitted");
    if (kind == "run.state_changed"_L1)
        return stateWord(payload.value("to"_L1).toString());
    if (kind == "run.provisioned"_L1)
        return tr("Workspace ready");
    if (kind == "checkpoint.opened"_L1) {
        const QString checkpointKind = payload.value("checkpoint"_L1).toObject().value("kind"_L1).toString();
        if (checkpointKind == "question"_L1)
            return tr("Question");
        if (checkpointKind == "plan"_L1)
            return tr("Plan for approval");
        if (checkpointKind == "budget"_L1)
            return tr("Budget hold");
        return tr("Checkpoint");
    }
    if (kind == "checkpoint.decided"_L1)
        return tr("Decided");
    if (kind == "artifact.submitted"_L1)
        return tr("Handed in");
    if (kind == "review.decided"_L1)
        return tr("Reviewed");
    if (kind == "run.steered"_L1)
        return tr("Steered");
    if (kind == "run.paused"_L1)
        return tr("Paused");
    if (kind == "run.resumed"_L1)
        return tr("Resumed");
    if (kind == "action.executed"_L1)
        return tr("Action");
    return kind;
}

QString summary(const QString &kind, const QJsonObject &payload)
{
    if (kind == "agent.message"_L1 || kind == "agent.thinking"_L1 || kind == "run.steered"_L1)
        return payload.value("text"_L1).toString();
    if (kind == "tool.call"_L1)
        return argumentsSummary(payload);
    if (kind == "tool.result"_L1) {
        const QString output = payload.value("output"_L1).toString().trimmed();
        return resultStatus(payload) + (output.isEmpty() ? QString() : u": "_s + output);
    }
    if (kind == "agent.started"_L1) {
        QStringList parts { payload.value("runtime"_L1).toString() };
        const QString model = payload.value("model"_L1).toString();
        if (!model.isEmpty())
            parts.append(payload.value("provider"_L1).toString().isEmpty()
                             ? model
                             : payload.value("provider"_L1).toString() + u'/' + model);
        return parts.join(u" · "_s);
    }
    if (kind == "agent.finished"_L1) {
        const QString why = payload.value("reason"_L1).toString();
        return payload.value("status"_L1).toString() + (why.isEmpty() ? QString() : u": "_s + why);
    }
    if (kind == "agent.plan_approved"_L1)
        return payload.value("summary"_L1).toString();
    if (kind == "agent.usage"_L1)
        return usageSummary(payload, {});
    if (kind == "run.usage"_L1)
        return usageSummary({}, payload);
    if (kind == "agent.malformed"_L1)
        return payload.value("error"_L1).toString() + u": "_s + payload.value("line"_L1).toString();
    if (kind == "run.submitted"_L1) {
        const QJsonObject run = payload.value("run"_L1).toObject();
        const QJsonObject task = run.value("task"_L1).toObject();
        return tr("%1 in %2")
            .arg(task.value("title"_L1).toString(task.value("objective"_L1).toString()),
                 run.value("environment"_L1).toString());
    }
    if (kind == "run.state_changed"_L1) {
        QString text = tr("from %1").arg(stateWord(payload.value("from"_L1).toString()).toLower());
        const QString reason = payload.value("reason"_L1).toString();
        if (!reason.isEmpty())
            text += u": "_s + reason;
        return text;
    }
    if (kind == "run.provisioned"_L1)
        return tr("at %1 on %2")
            .arg(payload.value("base_commit"_L1).toString().left(10), payload.value("host"_L1).toString());
    if (kind == "checkpoint.opened"_L1)
        return payload.value("checkpoint"_L1).toObject().value("prompt"_L1).toString();
    if (kind == "checkpoint.decided"_L1) {
        const QJsonObject decision = payload.value("decision"_L1).toObject();
        const QString text = decision.value("text"_L1).toString();
        return decision.value("verdict"_L1).toString() + u" by "_s + decision.value("decider"_L1).toString()
            + (text.isEmpty() ? QString() : u": "_s + text);
    }
    if (kind == "artifact.submitted"_L1) {
        const QJsonObject artifact = payload.value("artifact"_L1).toObject();
        return tr("version %1 (%2): %3")
            .arg(artifact.value("version"_L1).toInt())
            .arg(artifact.value("kind"_L1).toString(), artifact.value("summary"_L1).toString());
    }
    if (kind == "review.decided"_L1) {
        const QJsonObject decision = payload.value("decision"_L1).toObject();
        const QString text = decision.value("text"_L1).toString();
        return tr("version %1: %2")
                   .arg(payload.value("version"_L1).toInt())
                   .arg(decision.value("verdict"_L1).toString())
            + (text.isEmpty() ? QString() : u" — "_s + text);
    }
    if (kind == "run.paused"_L1)
        return payload.value("reason"_L1).toString();
    if (kind == "action.executed"_L1)
        return payload.value("kind"_L1).toString()
            + (payload.value("ok"_L1).toBool() ? tr(" done: ") : tr(" failed: "))
            + payload.value("message"_L1).toString();
    return payload.isEmpty() ? QString() : compact(payload);
}

QString searchText(const QString &kind, const QJsonObject &payload, const QJsonObject &result)
{
    QString text = label(kind, payload) + u'\n';
    if (kind == "tool.call"_L1) {
        text += argumentsText(payload);
        if (!result.isEmpty())
            text += u'\n' + resultStatus(result) + u'\n' + result.value("output"_L1).toString();
        return text;
    }
    if (kind == "checkpoint.opened"_L1) {
        const QJsonObject checkpoint = payload.value("checkpoint"_L1).toObject();
        return text + checkpoint.value("prompt"_L1).toString() + u'\n' + compact(checkpoint.value("body"_L1));
    }
    return text + summary(kind, payload);
}

QStringList tailLines(const QString &kind, const QJsonObject &payload)
{
    const auto lines = [](const QString &text, qsizetype last) {
        QStringList all = text.split(u'\n', Qt::SkipEmptyParts);
        for (QString &line : all)
            line = line.trimmed();
        all.removeAll(QString());
        return all.mid(std::max<qsizetype>(0, all.size() - last));
    };
    if (kind == "agent.message"_L1) {
        const bool toAgent = payload.value("role"_L1).toString() == "user"_L1;
        QStringList text = lines(payload.value("text"_L1).toString(), 4);
        if (toAgent && !text.isEmpty())
            text.first() = u"→ "_s + text.first();
        return text;
    }
    if (kind == "tool.call"_L1) {
        const QString name = toolName(payload);
        // A question shows as its checkpoint, a hand-in as its artifact.
        if (name == "ask_human"_L1 || name == "submit"_L1)
            return {};
        if (isCommand(payload))
            return { u"$ "_s + oneLine(argumentsSummary(payload), 300) };
        return { u"› "_s + name + u' ' + oneLine(argumentsSummary(payload), 300) };
    }
    if (kind == "tool.result"_L1) {
        const QString name = toolName(payload);
        if (name == "ask_human"_L1 || name == "submit"_L1)
            return {};
        QStringList text = lines(printedOutput(payload), 3);
        if (resultFailed(payload))
            text.append(u"✗ "_s + resultStatus(payload));
        return text;
    }
    if (kind == "run.state_changed"_L1) {
        // The state says enough, except why a run stopped.
        const QString to = payload.value("to"_L1).toString();
        QString text = u"→ "_s + stateWord(to);
        const QString reason = payload.value("reason"_L1).toString();
        if (!reason.isEmpty() && (to == "failed"_L1 || to == "interrupted"_L1 || to == "cancelled"_L1))
            text += u": "_s + reason;
        return { oneLine(text, 300) };
    }
    if (kind == "checkpoint.opened"_L1 || kind == "run.steered"_L1 || kind == "artifact.submitted"_L1
        || kind == "agent.finished"_L1 || kind == "run.paused"_L1 || kind == "run.resumed"_L1) {
        const QString text = summary(kind, payload);
        return { oneLine(text.isEmpty() ? label(kind, payload) : label(kind, payload) + u": "_s + text,
                         300) };
    }
    return {};
}

QString oneLine(const QString &text, qsizetype width)
{
    QString line = text.trimmed();
    const qsizetype newline = line.indexOf(u'\n');
    const bool more = newline >= 0;
    if (more)
        line = line.left(newline).trimmed();
    if (line.size() > width)
        return line.left(width - 1) + u'…';
    return more ? line + u" …"_s : line;
}

} // namespace delegate::ui::eventtext
