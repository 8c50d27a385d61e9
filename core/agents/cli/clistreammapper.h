// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentevent.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace delegate {

// How a CLI agent's run ended, read from its final stream event.
struct CliAgentOutcome
{
    bool success = false;
    QString finalMessage;
    QString reason; // why it failed, when it did
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    std::optional<double> costUsd; // when the agent reports it
    QString sessionId; // to resume the session later
};

// Reads a CLI agent's JSON-lines stream one line at a time and maps it onto
// Delegate's agent events. Unknown event types are kept as raw events and a
// line that is not JSON becomes a malformed event: neither ends the run.
class CliStreamMapper
{
public:
    virtual ~CliStreamMapper() = default;

    AgentEvents mapLine(const QByteArray &line);
    // Set once the stream's final event arrived.
    const std::optional<CliAgentOutcome> &outcome() const { return m_outcome; }
    QString sessionId() const { return m_sessionId; }

    enum class Runtime { ClaudeCode, Codex, Gemini };
    static std::unique_ptr<CliStreamMapper> create(Runtime runtime);

protected:
    virtual AgentEvents mapObject(const QJsonObject &object) = 0;

    std::optional<CliAgentOutcome> m_outcome;
    QString m_sessionId;
};

} // namespace delegate
