// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QLatin1StringView>
#include <QList>

namespace delegate {

// What an agent did, in Delegate's own vocabulary whatever the runtime: the
// built-in loop, a CLI agent's stream or a playbook all report these, and the
// engine records each as an Event of the same kind.
struct AgentEvent
{
    QLatin1StringView kind;
    QJsonObject payload;

    friend bool operator==(const AgentEvent &, const AgentEvent &) = default;
};

namespace agentevents {
// payload: session_id, model, runtime
inline constexpr QLatin1StringView started("agent.started");
// payload: text (Markdown), role ("assistant" or "user")
inline constexpr QLatin1StringView message("agent.message");
// payload: text
inline constexpr QLatin1StringView thinking("agent.thinking");
// payload: id, name, arguments (object), raw_arguments when malformed
inline constexpr QLatin1StringView toolCall("tool.call");
// payload: id, name, output, is_error, exit_code (commands)
inline constexpr QLatin1StringView toolResult("tool.result");
// payload: summary, plan, decided_by — a plan checkpoint was approved and
// file-changing tools opened
inline constexpr QLatin1StringView planApproved("agent.plan_approved");
// payload: input_tokens, output_tokens, cost_usd when known
inline constexpr QLatin1StringView usage("agent.usage");
// payload: status ("success" or "error"), text, reason
inline constexpr QLatin1StringView finished("agent.finished");
// payload: error, line — a stream line that could not be read; never fatal
inline constexpr QLatin1StringView malformed("agent.malformed");
// payload: the runtime's own event, kept as it came (an unknown type)
inline constexpr QLatin1StringView raw("agent.raw");
} // namespace agentevents

using AgentEvents = QList<AgentEvent>;

} // namespace delegate
