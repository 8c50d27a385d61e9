// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialectcodec.h"

namespace delegate::llm {

// OpenAI-compatible Chat Completions: tools as "function" entries, tool
// results as role "tool" messages, streamed tool-call arguments assembled
// from fragments by their index, usage from the final chunk.
class OpenAiChatCodec final : public DialectCodec
{
public:
    QList<QPair<QByteArray, QByteArray>> headers(const ProviderConfig &config) const override;
    QByteArray encode(const CompletionRequest &request) const override;
    std::optional<Completion> decode(const QByteArray &body, QString *error) const override;
    std::unique_ptr<StreamAccumulator> newStream() const override;
};

} // namespace delegate::llm
