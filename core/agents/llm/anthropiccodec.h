// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialectcodec.h"

namespace delegate::llm {

// Anthropic Messages: content blocks, tool_use blocks whose input streams as
// input_json_delta fragments, tool_result blocks inside user turns.
class AnthropicCodec final : public DialectCodec
{
public:
    static constexpr const char *apiVersion = "2023-06-01";

    QList<QPair<QByteArray, QByteArray>> headers(const ProviderConfig &config) const override;
    QByteArray encode(const CompletionRequest &request) const override;
    std::optional<Completion> decode(const QByteArray &body, QString *error) const override;
    std::unique_ptr<StreamAccumulator> newStream() const override;
};

} // namespace delegate::llm
