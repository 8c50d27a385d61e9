// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clistreammapper.h"

#include <QHash>

namespace delegate {

// Gemini CLI's `--output-format stream-json`: init, message chunks (deltas
// of the assistant's text), tool_use and tool_result pairs, and a result
// with aggregated stats.
class GeminiStreamMapper final : public CliStreamMapper
{
protected:
    AgentEvents mapObject(const QJsonObject &object) override;

private:
    QString m_text; // the assistant's text so far, from deltas
    QHash<QString, QString> m_toolNames;
};

} // namespace delegate
