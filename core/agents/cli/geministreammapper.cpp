// SPDX-License-Identifier: GPL-3.0-or-later
#include "geministreammapper.h"

using namespace Qt::StringLiterals;

namespace delegate {

AgentEvents GeminiStreamMapper::mapObject(const QJsonObject &object)
{
    const QString type = object.value("type"_L1).toString();
    if (type == "init"_L1) {
        m_sessionId = object.value("session_id"_L1).toString(object.value("sessionId"_L1).toString());
        return { { agentevents::started,
                   { { u"session_id"_s, m_sessionId },
                     { u"model"_s, object.value("model"_L1).toString() },
                     { u"runtime"_s, u"gemini"_s } } } };
    }
    if (type == "message"_L1) {
        if (object.value("role"_L1).toString() != "assistant"_L1)
            return {};
        const QString content = object.value("content"_L1).toString();
        m_text += content;
        return { { agentevents::message,
                   { { u"text"_s, content },
                     { u"role"_s, u"assistant"_s },
                     { u"delta"_s, object.value("delta"_L1).toBool() } } } };
    }
    if (type == "tool_use"_L1) {
        const QString id = object.value("tool_id"_L1).toString();
        const QString name = object.value("tool_name"_L1).toString();
        m_toolNames.insert(id, name);
        return { { agentevents::toolCall,
                   { { u"id"_s, id },
                     { u"name"_s, name },
                     { u"arguments"_s, object.value("parameters"_L1).toObject() } } } };
    }
    if (type == "tool_result"_L1) {
        const QString id = object.value("tool_id"_L1).toString();
        const bool failed = object.value("status"_L1).toString() == "error"_L1;
        const QString output = failed ? object.value("error"_L1)
                                            .toObject()
                                            .value("message"_L1)
                                            .toString(object.value("output"_L1).toString())
                                      : object.value("output"_L1).toString();
        return { { agentevents::toolResult,
                   { { u"id"_s, id },
                     { u"name"_s, m_toolNames.value(id) },
                     { u"output"_s, output },
                     { u"is_error"_s, failed } } } };
    }
    if (type == "error"_L1) {
        // Gemini reports warnings here too; the run goes on.
        return { { agentevents::raw, object } };
    }
    if (type == "result"_L1) {
        const QJsonObject stats = object.value("stats"_L1).toObject();
        CliAgentOutcome outcome;
        outcome.success = object.value("status"_L1).toString() == "success"_L1;
        outcome.finalMessage = m_text;
        outcome.reason =
            outcome.success ? QString() : object.value("error"_L1).toObject().value("message"_L1).toString();
        outcome.inputTokens = stats.value("input_tokens"_L1).toInteger();
        outcome.outputTokens = stats.value("output_tokens"_L1).toInteger();
        outcome.sessionId = m_sessionId;
        m_outcome = outcome;
        return { { agentevents::usage,
                   { { u"input_tokens"_s, outcome.inputTokens },
                     { u"output_tokens"_s, outcome.outputTokens } } },
                 { agentevents::finished,
                   { { u"status"_s, outcome.success ? u"success"_s : u"error"_s },
                     { u"text"_s, m_text },
                     { u"reason"_s, outcome.reason } } } };
    }
    return { { agentevents::raw, object } };
}

} // namespace delegate
