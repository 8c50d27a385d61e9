// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "retrypolicy.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <chrono>

namespace delegate::llm {

// The wire format a provider speaks. OpenAI-compatible Chat Completions
// covers OpenAI, Ollama, llama.cpp server, vLLM and OpenRouter.
enum class Dialect { OpenAiChat, AnthropicMessages };

QString dialectName(Dialect dialect);

struct ProviderConfig
{
    QString name; // shown to people: "OpenAI", "local Ollama" …
    Dialect dialect = Dialect::OpenAiChat;
    QUrl baseUrl; // OpenAI-style includes /v1; Anthropic's does not
    QString apiKey;
    std::chrono::milliseconds requestTimeout { std::chrono::minutes { 5 } };
    // A stream that sends nothing for this long is treated as dead.
    std::chrono::milliseconds idleTimeout { std::chrono::seconds { 90 } };
    RetryPolicy retry;

    QUrl endpoint() const;

    // Defaults from the conventional variables OPENAI_BASE_URL and
    // OPENAI_API_KEY, or ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY.
    static ProviderConfig
    fromEnvironment(Dialect dialect,
                    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
};

} // namespace delegate::llm
