// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chatmessage.h"
#include "llmerror.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace delegate::llm {

struct CompletionRequest
{
    QString model;
    QString system;
    QList<ChatMessage> messages;
    QList<ToolSpec> tools;
    int maxTokens = 4096;
    std::optional<double> temperature;
    bool stream = true;
};

// Why the model stopped, in neutral terms.
enum class StopReason { EndTurn, ToolUse, MaxTokens, Other };

struct Completion
{
    ChatMessage message; // the assistant turn: text and tool calls
    StopReason stopReason = StopReason::EndTurn;
    TokenUsage usage;
    QString model; // as the server reported it
};

// Pieces of a streamed answer as they arrive. A Restart means a retry began
// after part of an answer had streamed: drop what was shown so far.
struct StreamDelta
{
    enum class Kind { Text, ToolCallStarted, Restart };
    Kind kind = Kind::Text;
    QString text; // Text: the new characters; ToolCallStarted: the tool's name
};

using StreamObserver = std::function<void(const StreamDelta &)>;

struct CompletionResult
{
    std::optional<Completion> completion;
    std::optional<LlmError> error;
    int attempts = 0;

    bool ok() const { return completion.has_value(); }
};

} // namespace delegate::llm
