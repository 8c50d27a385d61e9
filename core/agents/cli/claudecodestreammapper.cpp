// SPDX-License-Identifier: GPL-3.0-or-later
#include "claudecodestreammapper.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

// tool_result content is either a string or a list of text blocks.
QString resultText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &block : blocks) {
        if (block.toObject().value("type"_L1).toString() == "text"_L1)
            parts.append(block.toObject().value("text"_L1).toString());
    }
    return parts.join(u'\n');
}

} // namespace

AgentEvents ClaudeCodeStreamMapper::mapObject(const QJsonObject &object)
{
    const QString type = object.value("type"_L1).toString();
    const QString subtype = object.value("subtype"_L1).toString();
    if (object.contains("session_id"_L1))
        m_sessionId = object.value("session_id"_L1).toString();

    if (type == "system"_L1 && subtype == "init"_L1) {
        return { { agentevents::started,
                   { { u"session_id"_s, m_sessionId },
                     { u"model"_s, object.value("model"_L1).toString() },
                     { u"runtime"_s, u"claude-code"_s } } } };
    }
    if (type == "assistant"_L1 || type == "user"_L1) {
        AgentEvents events;
        const QJsonArray blocks = object.value("message"_L1).toObject().value("content"_L1).toArray();
        for (const QJsonValue &value : blocks) {
            const QJsonObject block = value.toObject();
            const QString blockType = block.value("type"_L1).toString();
            if (blockType == "text"_L1 && type == "assistant"_L1) {
                events.append(
                    { agentevents::message,
                      { { u"text"_s, block.value("text"_L1).toString() }, { u"role"_s, u"assistant"_s } } });
            } else if (blockType == "thinking"_L1) {
                events.append(
                    { agentevents::thinking, { { u"text"_s, block.value("thinking"_L1).toString() } } });
            } else if (blockType == "tool_use"_L1) {
                const QString id = block.value("id"_L1).toString();
                const QString name = block.value("name"_L1).toString();
                m_toolNames.insert(id, name);
                events.append({ agentevents::toolCall,
                                { { u"id"_s, id },
                                  { u"name"_s, name },
                                  { u"arguments"_s, block.value("input"_L1).toObject() } } });
            } else if (blockType == "tool_result"_L1) {
                const QString id = block.value("tool_use_id"_L1).toString();
                events.append({ agentevents::toolResult,
                                { { u"id"_s, id },
                                  { u"name"_s, m_toolNames.value(id) },
                                  { u"output"_s, resultText(block.value("content"_L1)) },
                                  { u"is_error"_s, block.value("is_error"_L1).toBool() } } });
            }
        }
        return events;
    }
    if (type == "result"_L1) {
        CliAgentOutcome outcome;
        outcome.success = subtype == "success"_L1 && !object.value("is_error"_L1).toBool();
        outcome.finalMessage = object.value("result"_L1).toString();
        outcome.reason = outcome.success ? QString() : subtype;
        const QJsonObject usage = object.value("usage"_L1).toObject();
        // Cached input is billed and counted separately; it is still input.
        outcome.inputTokens = usage.value("input_tokens"_L1).toInteger()
            + usage.value("cache_read_input_tokens"_L1).toInteger()
            + usage.value("cache_creation_input_tokens"_L1).toInteger();
        outcome.outputTokens = usage.value("output_tokens"_L1).toInteger();
        if (object.value("total_cost_usd"_L1).isDouble())
            outcome.costUsd = object.value("total_cost_usd"_L1).toDouble();
        outcome.sessionId = m_sessionId;
        m_outcome = outcome;
        QJsonObject usagePayload { { u"input_tokens"_s, outcome.inputTokens },
                                   { u"output_tokens"_s, outcome.outputTokens } };
        if (outcome.costUsd)
            usagePayload.insert(u"cost_usd"_s, *outcome.costUsd);
        return { { agentevents::usage, usagePayload },
                 { agentevents::finished,
                   { { u"status"_s, outcome.success ? u"success"_s : u"error"_s },
                     { u"text"_s, outcome.finalMessage },
                     { u"reason"_s, outcome.reason } } } };
    }
    return { { agentevents::raw, object } };
}

} // namespace delegate
