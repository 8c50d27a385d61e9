// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clistreammapper.h"

#include <QHash>

namespace delegate {

// Claude Code's `-p --output-format stream-json --verbose`: system/init,
// assistant turns with text and tool_use blocks, user turns carrying
// tool_result blocks, and a final result with cost and usage.
class ClaudeCodeStreamMapper final : public CliStreamMapper
{
protected:
    AgentEvents mapObject(const QJsonObject &object) override;

private:
    QHash<QString, QString> m_toolNames; // tool_use id -> name, for results
};

} // namespace delegate
