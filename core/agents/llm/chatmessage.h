// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate::llm {

// A tool invocation the model asked for. rawArguments keeps the text exactly
// as streamed so a malformed call can be shown to the model and to a human.
struct ToolCall
{
    QString id;
    QString name;
    QString rawArguments;
    QJsonObject arguments;
    bool argumentsValid = true;

    QJsonObject toJson() const;
    static ToolCall fromJson(const QJsonObject &json);
    friend bool operator==(const ToolCall &, const ToolCall &) = default;
};

// One turn of a conversation in a provider-neutral form. Each dialect maps
// it onto its own wire shape (OpenAI: role "tool" messages; Anthropic:
// tool_result blocks inside a user turn).
struct ChatMessage
{
    enum class Role { User, Assistant, ToolResult };

    Role role = Role::User;
    QString text;
    QList<ToolCall> toolCalls; // Assistant only
    QString toolCallId; // ToolResult only
    QString toolName; // ToolResult only
    bool isError = false; // ToolResult only

    static ChatMessage user(const QString &text);
    static ChatMessage assistant(const QString &text, const QList<ToolCall> &calls = {});
    static ChatMessage toolResult(const ToolCall &call, const QString &content, bool isError = false);

    QJsonObject toJson() const;
    static ChatMessage fromJson(const QJsonObject &json);
    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

// A tool offered to the model: its name, what it does and a JSON Schema of
// its arguments.
struct ToolSpec
{
    QString name;
    QString description;
    QJsonObject inputSchema;
};

struct TokenUsage
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;

    TokenUsage &operator+=(const TokenUsage &other)
    {
        inputTokens += other.inputTokens;
        outputTokens += other.outputTokens;
        return *this;
    }
    friend bool operator==(const TokenUsage &, const TokenUsage &) = default;
};

} // namespace delegate::llm
