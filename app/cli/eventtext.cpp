// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventtext.h"

#include "humanformat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype summaryWidth = 110;

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

// name(key: value, …): strings unquoted when short, so a command reads as one.
QString toolCall(const QJsonObject &payload)
{
    const QJsonObject arguments = payload.value("arguments"_L1).toObject();
    QStringList parts;
    for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it)
        parts.append(it.key() + u": "_s + compact(it.value()));
    if (arguments.isEmpty() && payload.contains("raw_arguments"_L1))
        parts.append(u"malformed: "_s + payload.value("raw_arguments"_L1).toString());
    return payload.value("name"_L1).toString() + u'(' + parts.join(u", "_s) + u')';
}

QString toolResult(const QJsonObject &payload)
{
    QString text = payload.value("name"_L1).toString();
    if (payload.contains("exit_code"_L1) && !payload.value("exit_code"_L1).isNull())
        text += u" exit code "_s + compact(payload.value("exit_code"_L1));
    else if (payload.value("is_error"_L1).toBool())
        text += u" error"_s;
    else
        text += u" ok"_s;
    const QString output = payload.value("output"_L1).toString().trimmed();
    if (!output.isEmpty())
        text += u": "_s + output.section(u'\n', 0, 0);
    return text;
}

QString usage(const QJsonObject &payload)
{
    qint64 in = payload.value("input_tokens"_L1).toInteger();
    qint64 out = payload.value("output_tokens"_L1).toInteger();
    QString text = HumanFormat::tokens(in) + u" in, "_s + HumanFormat::tokens(out) + u" out"_s;
    if (payload.value("cost_usd"_L1).isDouble())
        text += u", "_s + HumanFormat::cost(payload.value("cost_usd"_L1).toDouble());
    return text;
}

} // namespace

QString EventText::summary(const QString &kind, const QJsonObject &payload)
{
    QString text;
    if (kind == "agent.message"_L1) {
        const QString role = payload.value("role"_L1).toString();
        text = (role == "user"_L1 ? u"(to the agent) "_s : QString()) + payload.value("text"_L1).toString();
    } else if (kind == "agent.thinking"_L1) {
        text = payload.value("text"_L1).toString();
    } else if (kind == "tool.call"_L1) {
        text = toolCall(payload);
    } else if (kind == "tool.result"_L1) {
        text = toolResult(payload);
    } else if (kind == "agent.started"_L1) {
        text = QStringList { payload.value("runtime"_L1).toString(), payload.value("model"_L1).toString() }
                   .join(u' ')
                   .trimmed();
    } else if (kind == "agent.finished"_L1) {
        text = payload.value("status"_L1).toString();
        const QString why = payload.value("reason"_L1).toString(payload.value("text"_L1).toString());
        if (!why.isEmpty())
            text += u": "_s + why;
    } else if (kind == "agent.usage"_L1 || kind == "run.usage"_L1) {
        text = usage(payload);
    } else if (kind == "run.submitted"_L1) {
        const QJsonObject run = payload.value("run"_L1).toObject();
        const QJsonObject task = run.value("task"_L1).toObject();
        text = task.value("title"_L1).toString(task.value("objective"_L1).toString()) + u" in "_s
            + run.value("environment"_L1).toString();
    } else if (kind == "run.state_changed"_L1) {
        text = payload.value("from"_L1).toString() + u" -> "_s + payload.value("to"_L1).toString();
        if (!payload.value("reason"_L1).toString().isEmpty())
            text += u": "_s + payload.value("reason"_L1).toString();
    } else if (kind == "run.provisioned"_L1) {
        text = u"workspace at "_s + payload.value("base_commit"_L1).toString().left(10) + u" on "_s
            + payload.value("host"_L1).toString();
    } else if (kind == "checkpoint.opened"_L1) {
        const QJsonObject checkpoint = payload.value("checkpoint"_L1).toObject();
        text = checkpoint.value("kind"_L1).toString() + u' ' + checkpoint.value("id"_L1).toString() + u": "_s
            + checkpoint.value("prompt"_L1).toString();
    } else if (kind == "checkpoint.decided"_L1) {
        const QJsonObject decision = payload.value("decision"_L1).toObject();
        text = decision.value("verdict"_L1).toString() + u' ' + decision.value("checkpoint_id"_L1).toString();
        if (!decision.value("text"_L1).toString().isEmpty())
            text += u": "_s + decision.value("text"_L1).toString();
    } else if (kind == "artifact.submitted"_L1) {
        const QJsonObject artifact = payload.value("artifact"_L1).toObject();
        text =
            u"v%1 %2: "_s.arg(artifact.value("version"_L1).toInt()).arg(artifact.value("kind"_L1).toString())
            + artifact.value("summary"_L1).toString();
    } else if (kind == "review.decided"_L1) {
        const QJsonObject decision = payload.value("decision"_L1).toObject();
        text =
            u"v%1 %2"_s.arg(payload.value("version"_L1).toInt()).arg(decision.value("verdict"_L1).toString());
        const qsizetype comments = decision.value("comments"_L1).toArray().size();
        if (comments > 0)
            text += u" (%1 comment%2)"_s.arg(comments).arg(comments == 1 ? QString() : u"s"_s);
        if (!decision.value("text"_L1).toString().isEmpty())
            text += u": "_s + decision.value("text"_L1).toString();
    } else if (kind == "run.steered"_L1) {
        text = payload.value("text"_L1).toString();
    } else if (kind == "run.paused"_L1) {
        text = payload.value("reason"_L1).toString();
    } else if (kind == "action.executed"_L1) {
        text = payload.value("kind"_L1).toString()
            + (payload.value("ok"_L1).toBool() ? u" ok: "_s : u" failed: "_s)
            + payload.value("message"_L1).toString();
    } else if (!payload.isEmpty()) {
        text = compact(payload);
    }
    return HumanFormat::oneLine(text, summaryWidth);
}

QString EventText::line(const QJsonObject &event)
{
    const QString kind = event.value("kind"_L1).toString();
    const QString summary = EventText::summary(kind, event.value("payload"_L1).toObject());
    QString line = HumanFormat::clock(event.value("time"_L1).toString()) + u"  "_s
        + event.value("actor"_L1).toString().leftJustified(12) + u"  "_s + kind.leftJustified(18);
    if (!summary.isEmpty())
        line += u"  "_s + summary;
    return line.trimmed();
}

} // namespace delegate::cli
