// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialectcodec.h"

#include "anthropiccodec.h"
#include "openaichatcodec.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace delegate::llm {

std::unique_ptr<DialectCodec> DialectCodec::create(Dialect dialect)
{
    if (dialect == Dialect::AnthropicMessages)
        return std::make_unique<AnthropicCodec>();
    return std::make_unique<OpenAiChatCodec>();
}

ToolCall makeToolCall(const QString &id, const QString &name, const QString &rawArguments)
{
    ToolCall call;
    call.id = id;
    call.name = name;
    call.rawArguments = rawArguments;
    const QString trimmed = rawArguments.trimmed();
    if (trimmed.isEmpty()) {
        call.argumentsValid = true; // a tool without arguments
        return call;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    call.argumentsValid = error.error == QJsonParseError::NoError && document.isObject();
    if (call.argumentsValid)
        call.arguments = document.object();
    return call;
}

} // namespace delegate::llm
