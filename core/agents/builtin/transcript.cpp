// SPDX-License-Identifier: GPL-3.0-or-later
#include "transcript.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

Transcript Transcript::fromEvents(const AgentEvents &events)
{
    Transcript transcript;
    QList<llm::ToolCall> open; // calls of the current turn awaiting results
    for (const AgentEvent &event : events) {
        const QJsonObject &payload = event.payload;
        if (event.kind == agentevents::message) {
            if (payload.value("role"_L1).toString() == "user"_L1) {
                transcript.messages.append(llm::ChatMessage::user(payload.value("text"_L1).toString()));
            } else {
                transcript.messages.append(llm::ChatMessage::assistant(payload.value("text"_L1).toString()));
                ++transcript.turns;
            }
        } else if (event.kind == agentevents::toolCall) {
            llm::ToolCall call = llm::ToolCall::fromJson(payload);
            // A turn with tool calls but no text still is one assistant turn.
            const bool sameTurn = !transcript.messages.isEmpty()
                && transcript.messages.constLast().role == llm::ChatMessage::Role::Assistant
                && payload.value("turn"_L1).toInt() == transcript.turns;
            if (!sameTurn) {
                transcript.messages.append(llm::ChatMessage::assistant(QString()));
                ++transcript.turns;
            }
            transcript.messages.last().toolCalls.append(call);
            open.append(call);
        } else if (event.kind == agentevents::toolResult) {
            const QString id = payload.value("id"_L1).toString();
            const auto it = std::find_if(open.begin(), open.end(),
                                         [&](const llm::ToolCall &call) { return call.id == id; });
            if (it == open.end())
                continue;
            transcript.messages.append(llm::ChatMessage::toolResult(
                *it, payload.value("output"_L1).toString(), payload.value("is_error"_L1).toBool()));
            open.erase(it);
        } else if (event.kind == agentevents::usage) {
            transcript.inputTokens = payload.value("total_input_tokens"_L1).toInteger(transcript.inputTokens);
            transcript.outputTokens =
                payload.value("total_output_tokens"_L1).toInteger(transcript.outputTokens);
        } else if (event.kind == agentevents::planApproved) {
            transcript.writeToolsOpen = true;
        }
    }
    transcript.unanswered = open;
    return transcript;
}

bool Transcript::isRepeatable(const llm::ToolCall &call)
{
    return call.name == "ask_human"_L1 || call.name == "submit"_L1;
}

void fitToBudget(QList<llm::ChatMessage> &messages, qsizetype budgetCharacters, int keepNewest)
{
    auto total = [&messages] {
        qsizetype sum = 0;
        for (const llm::ChatMessage &message : messages) {
            sum += message.text.size();
            for (const llm::ToolCall &call : message.toolCalls)
                sum += call.rawArguments.size();
        }
        return sum;
    };
    qsizetype size = total();
    const qsizetype last = messages.size() - keepNewest;
    for (qsizetype i = 0; i < last && size > budgetCharacters; ++i) {
        llm::ChatMessage &message = messages[i];
        if (message.role != llm::ChatMessage::Role::ToolResult || message.text.size() < 200)
            continue;
        const qsizetype removed = message.text.size();
        message.text = u"[output elided to stay within the context window: %1 characters]"_s.arg(removed);
        size -= removed - message.text.size();
    }
}

} // namespace delegate
