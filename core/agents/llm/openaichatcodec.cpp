// SPDX-License-Identifier: GPL-3.0-or-later
#include "openaichatcodec.h"

#include "providerconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

using namespace Qt::StringLiterals;

namespace delegate::llm {

namespace {

StopReason stopReasonFrom(const QString &finishReason)
{
    if (finishReason == "stop"_L1)
        return StopReason::EndTurn;
    if (finishReason == "tool_calls"_L1 || finishReason == "function_call"_L1)
        return StopReason::ToolUse;
    if (finishReason == "length"_L1)
        return StopReason::MaxTokens;
    return StopReason::Other;
}

TokenUsage usageFrom(const QJsonObject &usage)
{
    return { usage.value("prompt_tokens"_L1).toInteger(), usage.value("completion_tokens"_L1).toInteger() };
}

QJsonObject encodeMessage(const ChatMessage &message)
{
    switch (message.role) {
    case ChatMessage::Role::User:
        return { { u"role"_s, u"user"_s }, { u"content"_s, message.text } };
    case ChatMessage::Role::Assistant: {
        QJsonObject json { { u"role"_s, u"assistant"_s } };
        json.insert(u"content"_s,
                    message.text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(message.text));
        if (!message.toolCalls.isEmpty()) {
            QJsonArray calls;
            for (const ToolCall &call : message.toolCalls) {
                calls.append(QJsonObject {
                    { u"id"_s, call.id },
                    { u"type"_s, u"function"_s },
                    { u"function"_s,
                      QJsonObject { { u"name"_s, call.name }, { u"arguments"_s, call.rawArguments } } },
                });
            }
            json.insert(u"tool_calls"_s, calls);
        }
        return json;
    }
    case ChatMessage::Role::ToolResult:
        return { { u"role"_s, u"tool"_s },
                 { u"tool_call_id"_s, message.toolCallId },
                 { u"content"_s, message.text } };
    }
    return {};
}

class OpenAiStream final : public StreamAccumulator
{
public:
    std::optional<LlmError> consume(const SseEvent &event, const StreamObserver &observer) override
    {
        if (event.data == "[DONE]") {
            m_done = true;
            return std::nullopt;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(event.data, &parseError);
        if (!document.isObject()) {
            return LlmError { LlmError::Kind::Protocol, 0,
                              u"The provider streamed a chunk that is not JSON (%1)."_s.arg(
                                  parseError.errorString()),
                              QString::fromUtf8(event.data.left(200)), std::nullopt };
        }
        const QJsonObject chunk = document.object();
        if (chunk.contains("error"_L1)) {
            const QJsonObject error = chunk.value("error"_L1).toObject();
            return LlmError { LlmError::Kind::ServerError, 0,
                              u"The provider reported an error mid-stream: %1"_s.arg(
                                  error.value("message"_L1).toString()),
                              error.value("message"_L1).toString(), std::nullopt };
        }
        if (chunk.contains("model"_L1))
            m_completion.model = chunk.value("model"_L1).toString();
        if (chunk.value("usage"_L1).isObject())
            m_completion.usage = usageFrom(chunk.value("usage"_L1).toObject());
        const QJsonArray choices = chunk.value("choices"_L1).toArray();
        for (const QJsonValue &value : choices) {
            const QJsonObject choice = value.toObject();
            const QJsonObject delta = choice.value("delta"_L1).toObject();
            const QString content = delta.value("content"_L1).toString();
            if (!content.isEmpty()) {
                m_text += content;
                if (observer)
                    observer({ StreamDelta::Kind::Text, content });
            }
            const QJsonArray calls = delta.value("tool_calls"_L1).toArray();
            for (const QJsonValue &callValue : calls)
                takeToolCallFragment(callValue.toObject(), observer);
            const QJsonValue finish = choice.value("finish_reason"_L1);
            if (finish.isString())
                m_completion.stopReason = stopReasonFrom(finish.toString());
        }
        return std::nullopt;
    }

    bool isComplete() const override { return m_done; }

    Completion result() const override
    {
        Completion completion = m_completion;
        QList<ToolCall> calls;
        for (const auto &[index, partial] : m_calls)
            calls.append(makeToolCall(partial.id, partial.name, partial.arguments));
        completion.message = ChatMessage::assistant(m_text, calls);
        return completion;
    }

private:
    struct PartialCall
    {
        QString id;
        QString name;
        QString arguments;
    };

    // The first fragment of a call carries its id and name; later ones only
    // the index and more argument text.
    void takeToolCallFragment(const QJsonObject &fragment, const StreamObserver &observer)
    {
        const int index = fragment.value("index"_L1).toInt(int(m_calls.size()));
        PartialCall &call = m_calls[index];
        const QString id = fragment.value("id"_L1).toString();
        if (!id.isEmpty())
            call.id = id;
        const QJsonObject function = fragment.value("function"_L1).toObject();
        const QString name = function.value("name"_L1).toString();
        if (!name.isEmpty() && call.name.isEmpty()) {
            call.name = name;
            if (observer)
                observer({ StreamDelta::Kind::ToolCallStarted, name });
        }
        call.arguments += function.value("arguments"_L1).toString();
    }

    Completion m_completion;
    QString m_text;
    std::map<int, PartialCall> m_calls;
    bool m_done = false;
};

} // namespace

QList<QPair<QByteArray, QByteArray>> OpenAiChatCodec::headers(const ProviderConfig &config) const
{
    QList<QPair<QByteArray, QByteArray>> headers { { "Content-Type", "application/json" } };
    if (!config.apiKey.isEmpty())
        headers.append({ "Authorization", "Bearer " + config.apiKey.toUtf8() });
    return headers;
}

QByteArray OpenAiChatCodec::encode(const CompletionRequest &request) const
{
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, request.system } });
    for (const ChatMessage &message : request.messages)
        messages.append(encodeMessage(message));

    QJsonObject body {
        { u"model"_s, request.model },
        { u"messages"_s, messages },
        { u"max_tokens"_s, request.maxTokens },
        { u"stream"_s, request.stream },
    };
    if (request.stream)
        body.insert(u"stream_options"_s, QJsonObject { { u"include_usage"_s, true } });
    if (request.temperature)
        body.insert(u"temperature"_s, *request.temperature);
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec &tool : request.tools) {
            tools.append(QJsonObject {
                { u"type"_s, u"function"_s },
                { u"function"_s,
                  QJsonObject { { u"name"_s, tool.name },
                                { u"description"_s, tool.description },
                                { u"parameters"_s, tool.inputSchema } } },
            });
        }
        body.insert(u"tools"_s, tools);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

std::optional<Completion> OpenAiChatCodec::decode(const QByteArray &body, QString *error) const
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonArray choices = json.value("choices"_L1).toArray();
    if (choices.isEmpty()) {
        *error = u"The answer has no choices; is this an OpenAI-compatible Chat Completions endpoint?"_s;
        return std::nullopt;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value("message"_L1).toObject();
    QList<ToolCall> calls;
    const QJsonArray toolCalls = message.value("tool_calls"_L1).toArray();
    for (const QJsonValue &value : toolCalls) {
        const QJsonObject call = value.toObject();
        const QJsonObject function = call.value("function"_L1).toObject();
        calls.append(makeToolCall(call.value("id"_L1).toString(), function.value("name"_L1).toString(),
                                  function.value("arguments"_L1).toString()));
    }
    Completion completion;
    completion.message = ChatMessage::assistant(message.value("content"_L1).toString(), calls);
    completion.stopReason = stopReasonFrom(choice.value("finish_reason"_L1).toString());
    completion.usage = usageFrom(json.value("usage"_L1).toObject());
    completion.model = json.value("model"_L1).toString();
    return completion;
}

std::unique_ptr<StreamAccumulator> OpenAiChatCodec::newStream() const
{
    return std::make_unique<OpenAiStream>();
}

} // namespace delegate::llm
