// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatmessage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate::llm {

namespace {

QString roleName(ChatMessage::Role role)
{
    switch (role) {
    case ChatMessage::Role::User:
        return u"user"_s;
    case ChatMessage::Role::Assistant:
        return u"assistant"_s;
    case ChatMessage::Role::ToolResult:
        return u"tool_result"_s;
    }
    return {};
}

ChatMessage::Role roleFromName(const QString &name)
{
    if (name == "assistant"_L1)
        return ChatMessage::Role::Assistant;
    if (name == "tool_result"_L1)
        return ChatMessage::Role::ToolResult;
    return ChatMessage::Role::User;
}

} // namespace

QJsonObject ToolCall::toJson() const
{
    return {
        { u"id"_s, id },
        { u"name"_s, name },
        { u"raw_arguments"_s, rawArguments },
        { u"arguments"_s, arguments },
        { u"arguments_valid"_s, argumentsValid },
    };
}

ToolCall ToolCall::fromJson(const QJsonObject &json)
{
    ToolCall call;
    call.id = json.value("id"_L1).toString();
    call.name = json.value("name"_L1).toString();
    call.rawArguments = json.value("raw_arguments"_L1).toString();
    call.arguments = json.value("arguments"_L1).toObject();
    call.argumentsValid = json.value("arguments_valid"_L1).toBool(true);
    return call;
}

ChatMessage ChatMessage::user(const QString &text)
{
    ChatMessage message;
    message.role = Role::User;
    message.text = text;
    return message;
}

ChatMessage ChatMessage::assistant(const QString &text, const QList<ToolCall> &calls)
{
    ChatMessage message;
    message.role = Role::Assistant;
    message.text = text;
    message.toolCalls = calls;
    return message;
}

ChatMessage ChatMessage::toolResult(const ToolCall &call, const QString &content, bool isError)
{
    ChatMessage message;
    message.role = Role::ToolResult;
    message.text = content;
    message.toolCallId = call.id;
    message.toolName = call.name;
    message.isError = isError;
    return message;
}

QJsonObject ChatMessage::toJson() const
{
    QJsonObject json { { u"role"_s, roleName(role) }, { u"text"_s, text } };
    if (!toolCalls.isEmpty()) {
        QJsonArray calls;
        for (const ToolCall &call : toolCalls)
            calls.append(call.toJson());
        json.insert(u"tool_calls"_s, calls);
    }
    if (role == Role::ToolResult) {
        json.insert(u"tool_call_id"_s, toolCallId);
        json.insert(u"tool_name"_s, toolName);
        json.insert(u"is_error"_s, isError);
    }
    return json;
}

ChatMessage ChatMessage::fromJson(const QJsonObject &json)
{
    ChatMessage message;
    message.role = roleFromName(json.value("role"_L1).toString());
    message.text = json.value("text"_L1).toString();
    const QJsonArray calls = json.value("tool_calls"_L1).toArray();
    for (const QJsonValue &call : calls)
        message.toolCalls.append(ToolCall::fromJson(call.toObject()));
    message.toolCallId = json.value("tool_call_id"_L1).toString();
    message.toolName = json.value("tool_name"_L1).toString();
    message.isError = json.value("is_error"_L1).toBool();
    return message;
}

} // namespace delegate::llm
