// SPDX-License-Identifier: GPL-3.0-or-later
#include "anthropiccodec.h"

#include "providerconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

using namespace Qt::StringLiterals;

namespace delegate::llm {

namespace {

StopReason stopReasonFrom(const QString &reason)
{
    if (reason == "end_turn"_L1 || reason == "stop_sequence"_L1)
        return StopReason::EndTurn;
    if (reason == "tool_use"_L1)
        return StopReason::ToolUse;
    if (reason == "max_tokens"_L1)
        return StopReason::MaxTokens;
    return StopReason::Other;
}

QJsonArray contentOf(const ChatMessage &message)
{
    QJsonArray blocks;
    switch (message.role) {
    case ChatMessage::Role::User:
        blocks.append(QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, message.text } });
        break;
    case ChatMessage::Role::Assistant:
        if (!message.text.isEmpty())
            blocks.append(QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, message.text } });
        for (const ToolCall &call : message.toolCalls) {
            // The API insists on an object; a malformed call goes back as {}
            // and its tool_result tells the model what was wrong.
            blocks.append(
                QJsonObject { { u"type"_s, u"tool_use"_s },
                              { u"id"_s, call.id },
                              { u"name"_s, call.name },
                              { u"input"_s, call.argumentsValid ? call.arguments : QJsonObject() } });
        }
        break;
    case ChatMessage::Role::ToolResult:
        blocks.append(QJsonObject { { u"type"_s, u"tool_result"_s },
                                    { u"tool_use_id"_s, message.toolCallId },
                                    { u"content"_s, message.text },
                                    { u"is_error"_s, message.isError } });
        break;
    }
    return blocks;
}

// Anthropic wants strictly alternating user and assistant turns, with tool
// results inside the user turn that follows the tool calls, so consecutive
// neutral messages of the same side are merged.
QJsonArray encodeMessages(const QList<ChatMessage> &messages)
{
    QJsonArray turns;
    QString currentRole;
    QJsonArray currentBlocks;
    for (const ChatMessage &message : messages) {
        const QString role = message.role == ChatMessage::Role::Assistant ? u"assistant"_s : u"user"_s;
        if (role != currentRole && !currentBlocks.isEmpty()) {
            turns.append(QJsonObject { { u"role"_s, currentRole }, { u"content"_s, currentBlocks } });
            currentBlocks = {};
        }
        currentRole = role;
        for (const QJsonValue &block : contentOf(message))
            currentBlocks.append(block);
    }
    if (!currentBlocks.isEmpty())
        turns.append(QJsonObject { { u"role"_s, currentRole }, { u"content"_s, currentBlocks } });
    return turns;
}

class AnthropicStream final : public StreamAccumulator
{
public:
    std::optional<LlmError> consume(const SseEvent &event, const StreamObserver &observer) override
    {
        const QJsonObject json = QJsonDocument::fromJson(event.data).object();
        const QString type = json.value("type"_L1).toString(QString::fromUtf8(event.event));
        if (type == "message_start"_L1) {
            const QJsonObject message = json.value("message"_L1).toObject();
            m_completion.model = message.value("model"_L1).toString();
            takeUsage(message.value("usage"_L1).toObject());
        } else if (type == "content_block_start"_L1) {
            const int index = json.value("index"_L1).toInt();
            const QJsonObject block = json.value("content_block"_L1).toObject();
            Block &target = m_blocks[index];
            target.type = block.value("type"_L1).toString();
            target.id = block.value("id"_L1).toString();
            target.name = block.value("name"_L1).toString();
            target.text = block.value("text"_L1).toString();
            if (target.type == "tool_use"_L1 && observer)
                observer({ StreamDelta::Kind::ToolCallStarted, target.name });
        } else if (type == "content_block_delta"_L1) {
            Block &target = m_blocks[json.value("index"_L1).toInt()];
            const QJsonObject delta = json.value("delta"_L1).toObject();
            const QString deltaType = delta.value("type"_L1).toString();
            if (deltaType == "text_delta"_L1) {
                const QString text = delta.value("text"_L1).toString();
                target.text += text;
                if (observer)
                    observer({ StreamDelta::Kind::Text, text });
            } else if (deltaType == "input_json_delta"_L1) {
                target.json += delta.value("partial_json"_L1).toString();
            }
        } else if (type == "message_delta"_L1) {
            const QJsonValue reason = json.value("delta"_L1).toObject().value("stop_reason"_L1);
            if (reason.isString())
                m_completion.stopReason = stopReasonFrom(reason.toString());
            takeUsage(json.value("usage"_L1).toObject());
        } else if (type == "message_stop"_L1) {
            m_done = true;
        } else if (type == "error"_L1) {
            const QJsonObject error = json.value("error"_L1).toObject();
            const QString errorType = error.value("type"_L1).toString();
            const bool overloaded = errorType == "overloaded_error"_L1 || errorType == "rate_limit_error"_L1;
            return LlmError { overloaded ? LlmError::Kind::RateLimited : LlmError::Kind::ServerError, 0,
                              u"The provider reported %1 mid-stream: %2"_s.arg(
                                  errorType, error.value("message"_L1).toString()),
                              error.value("message"_L1).toString(), std::nullopt };
        }
        // "ping" and event types added later are ignored on purpose.
        return std::nullopt;
    }

    bool isComplete() const override { return m_done; }

    Completion result() const override
    {
        Completion completion = m_completion;
        QString text;
        QList<ToolCall> calls;
        for (const auto &[index, block] : m_blocks) {
            if (block.type == "text"_L1)
                text += block.text;
            else if (block.type == "tool_use"_L1)
                calls.append(makeToolCall(block.id, block.name, block.json.isEmpty() ? u"{}"_s : block.json));
        }
        completion.message = ChatMessage::assistant(text, calls);
        return completion;
    }

private:
    struct Block
    {
        QString type;
        QString id;
        QString name;
        QString text;
        QString json;
    };

    // message_start carries the input count, message_delta the running output count.
    void takeUsage(const QJsonObject &usage)
    {
        if (usage.contains("input_tokens"_L1))
            m_completion.usage.inputTokens = usage.value("input_tokens"_L1).toInteger();
        if (usage.contains("output_tokens"_L1))
            m_completion.usage.outputTokens = usage.value("output_tokens"_L1).toInteger();
    }

    Completion m_completion;
    std::map<int, Block> m_blocks;
    bool m_done = false;
};

} // namespace

QList<QPair<QByteArray, QByteArray>> AnthropicCodec::headers(const ProviderConfig &config) const
{
    QList<QPair<QByteArray, QByteArray>> headers { { "Content-Type", "application/json" },
                                                   { "anthropic-version", apiVersion } };
    if (!config.apiKey.isEmpty())
        headers.append({ "x-api-key", config.apiKey.toUtf8() });
    return headers;
}

QByteArray AnthropicCodec::encode(const CompletionRequest &request) const
{
    QJsonObject body {
        { u"model"_s, request.model },
        { u"max_tokens"_s, request.maxTokens },
        { u"messages"_s, encodeMessages(request.messages) },
        { u"stream"_s, request.stream },
    };
    if (!request.system.isEmpty())
        body.insert(u"system"_s, request.system);
    if (request.temperature)
        body.insert(u"temperature"_s, *request.temperature);
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec &tool : request.tools) {
            tools.append(QJsonObject { { u"name"_s, tool.name },
                                       { u"description"_s, tool.description },
                                       { u"input_schema"_s, tool.inputSchema } });
        }
        body.insert(u"tools"_s, tools);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

std::optional<Completion> AnthropicCodec::decode(const QByteArray &body, QString *error) const
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (!json.value("content"_L1).isArray()) {
        *error = u"The answer has no content blocks; is this an Anthropic Messages endpoint?"_s;
        return std::nullopt;
    }
    QString text;
    QList<ToolCall> calls;
    const QJsonArray blocks = json.value("content"_L1).toArray();
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        const QString type = block.value("type"_L1).toString();
        if (type == "text"_L1) {
            text += block.value("text"_L1).toString();
        } else if (type == "tool_use"_L1) {
            // Re-serialised so a non-object input is flagged as malformed like a streamed one.
            const QByteArray wrapped =
                QJsonDocument(QJsonArray { block.value("input"_L1) }).toJson(QJsonDocument::Compact);
            const QString raw = QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
            calls.append(
                makeToolCall(block.value("id"_L1).toString(), block.value("name"_L1).toString(), raw));
        }
    }
    Completion completion;
    completion.message = ChatMessage::assistant(text, calls);
    completion.stopReason = stopReasonFrom(json.value("stop_reason"_L1).toString());
    const QJsonObject usage = json.value("usage"_L1).toObject();
    completion.usage = { usage.value("input_tokens"_L1).toInteger(),
                         usage.value("output_tokens"_L1).toInteger() };
    completion.model = json.value("model"_L1).toString();
    return completion;
}

std::unique_ptr<StreamAccumulator> AnthropicCodec::newStream() const
{
    return std::make_unique<AnthropicStream>();
}

} // namespace delegate::llm
