// SPDX-License-Identifier: GPL-3.0-or-later
#include "codexstreammapper.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

AgentEvents CodexStreamMapper::mapObject(const QJsonObject &object)
{
    const QString type = object.value("type"_L1).toString();
    if (type == "thread.started"_L1) {
        m_sessionId = object.value("thread_id"_L1).toString();
        return { { agentevents::started,
                   { { u"session_id"_s, m_sessionId }, { u"runtime"_s, u"codex"_s } } } };
    }
    if (type == "turn.started"_L1)
        return {};
    if (type == "item.started"_L1 || type == "item.updated"_L1 || type == "item.completed"_L1) {
        const QJsonObject item = object.value("item"_L1).toObject();
        const QString itemType = item.value("type"_L1).toString(item.value("item_type"_L1).toString());
        const QString id = item.value("id"_L1).toString();
        const bool completed = type == "item.completed"_L1;
        if (itemType == "command_execution"_L1) {
            if (type == "item.started"_L1) {
                return { { agentevents::toolCall,
                           { { u"id"_s, id },
                             { u"name"_s, u"run"_s },
                             { u"arguments"_s,
                               QJsonObject { { u"command"_s, item.value("command"_L1).toString() } } } } } };
            }
            if (completed) {
                const QJsonValue exitCode = item.value("exit_code"_L1);
                return { { agentevents::toolResult,
                           { { u"id"_s, id },
                             { u"name"_s, u"run"_s },
                             { u"output"_s, item.value("aggregated_output"_L1).toString() },
                             { u"exit_code"_s, exitCode },
                             { u"is_error"_s,
                               item.value("status"_L1).toString() == "failed"_L1
                                   || (exitCode.isDouble() && exitCode.toInt() != 0) } } } };
            }
            return {}; // partial output; the completed item carries all of it
        }
        if (!completed)
            return {};
        if (itemType == "agent_message"_L1 || itemType == "assistant_message"_L1) {
            m_lastMessage = item.value("text"_L1).toString();
            return { { agentevents::message,
                       { { u"text"_s, m_lastMessage }, { u"role"_s, u"assistant"_s } } } };
        }
        if (itemType == "reasoning"_L1)
            return { { agentevents::thinking, { { u"text"_s, item.value("text"_L1).toString() } } } };
        if (itemType == "file_change"_L1) {
            return { { agentevents::toolResult,
                       { { u"id"_s, id },
                         { u"name"_s, u"edit_file"_s },
                         { u"output"_s, QString() },
                         { u"changes"_s, item.value("changes"_L1).toArray() },
                         { u"is_error"_s, item.value("status"_L1).toString() == "failed"_L1 } } } };
        }
        return { { agentevents::raw, object } };
    }
    if (type == "turn.completed"_L1) {
        const QJsonObject usage = object.value("usage"_L1).toObject();
        m_inputTokens += usage.value("input_tokens"_L1).toInteger();
        m_outputTokens += usage.value("output_tokens"_L1).toInteger();
        CliAgentOutcome outcome;
        outcome.success = true;
        outcome.finalMessage = m_lastMessage;
        outcome.inputTokens = m_inputTokens;
        outcome.outputTokens = m_outputTokens;
        outcome.sessionId = m_sessionId;
        m_outcome = outcome;
        return { { agentevents::usage,
                   { { u"input_tokens"_s, m_inputTokens }, { u"output_tokens"_s, m_outputTokens } } },
                 { agentevents::finished, { { u"status"_s, u"success"_s }, { u"text"_s, m_lastMessage } } } };
    }
    if (type == "turn.failed"_L1 || type == "error"_L1) {
        const QString message = type == "error"_L1
            ? object.value("message"_L1).toString()
            : object.value("error"_L1).toObject().value("message"_L1).toString();
        CliAgentOutcome outcome;
        outcome.success = false;
        outcome.reason = message;
        outcome.finalMessage = m_lastMessage;
        outcome.inputTokens = m_inputTokens;
        outcome.outputTokens = m_outputTokens;
        outcome.sessionId = m_sessionId;
        m_outcome = outcome;
        return {
            { agentevents::finished,
              { { u"status"_s, u"error"_s }, { u"text"_s, m_lastMessage }, { u"reason"_s, message } } }
        };
    }
    return { { agentevents::raw, object } };
}

} // namespace delegate
