// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "completion.h"
#include "providerconfig.h"
#include "sseparser.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <memory>

namespace delegate::llm {

// Turns a streamed answer, event by event, into a Completion.
class StreamAccumulator
{
public:
    virtual ~StreamAccumulator() = default;
    // Returns an error when the event reports one (e.g. an error event
    // mid-stream); the stream must then be abandoned.
    virtual std::optional<LlmError> consume(const SseEvent &event, const StreamObserver &observer) = 0;
    // Whether the stream said it was complete ([DONE] or message_stop).
    virtual bool isComplete() const = 0;
    virtual Completion result() const = 0;
};

// One provider dialect's wire format: how a request is written and how an
// answer, whole or streamed, is read.
class DialectCodec
{
public:
    virtual ~DialectCodec() = default;

    virtual QList<QPair<QByteArray, QByteArray>> headers(const ProviderConfig &config) const = 0;
    virtual QByteArray encode(const CompletionRequest &request) const = 0;
    virtual std::optional<Completion> decode(const QByteArray &body, QString *error) const = 0;
    virtual std::unique_ptr<StreamAccumulator> newStream() const = 0;

    static std::unique_ptr<DialectCodec> create(Dialect dialect);
};

// Parses streamed or whole tool-call arguments; malformed JSON is kept as
// raw text and flagged, so the agent can tell the model what went wrong.
ToolCall makeToolCall(const QString &id, const QString &name, const QString &rawArguments);

} // namespace delegate::llm
