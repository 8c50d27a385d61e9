// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clistreammapper.h"

namespace delegate {

// Codex's `exec --json`: thread and turn lifecycle events around items
// (agent messages, reasoning, command executions, file changes) that start,
// update and complete; usage arrives with turn.completed.
class CodexStreamMapper final : public CliStreamMapper
{
protected:
    AgentEvents mapObject(const QJsonObject &object) override;

private:
    QString m_lastMessage;
    qint64 m_inputTokens = 0;
    qint64 m_outputTokens = 0;
};

} // namespace delegate
