// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoro/QCoroTask>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace delegate {

// Whether a local Ollama answers, and which models it has pulled.
struct OllamaStatus
{
    bool running = false;
    QStringList models;
    QString message; // for a person: what was found, or why not
    QUrl baseUrl; // the OpenAI-compatible address a provider entry would use
};

// Asks Ollama's own API (GET /api/tags) on its default port, or another.
class OllamaDetector final
{
public:
    static QUrl defaultUrl() { return QUrl(QStringLiteral("http://127.0.0.1:11434")); }
    static QCoro::Task<OllamaStatus> detect(QUrl url = defaultUrl(),
                                            std::chrono::milliseconds timeout = std::chrono::seconds(3));
};

} // namespace delegate
