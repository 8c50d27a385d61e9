// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QStringView>

namespace delegate::lifecycle {

// The events the engine's state is rebuilt from when it starts: what a run
// went through, without the agent's own chatter. docs/protocol.md lists
// their payloads.

// run (Run), environment (EnvironmentProfile), skill (Skill, optional),
// priority, batch_budget_usd (optional)
inline constexpr QLatin1StringView submitted("run.submitted");
// from, to, reason
inline constexpr QLatin1StringView stateChanged("run.state_changed");
// workspace (Workspace), base_commit, host
inline constexpr QLatin1StringView provisioned("run.provisioned");
// checkpoint (Checkpoint)
inline constexpr QLatin1StringView checkpointOpened("checkpoint.opened");
// decision (Decision)
inline constexpr QLatin1StringView checkpointDecided("checkpoint.decided");
// artifact (Artifact)
inline constexpr QLatin1StringView artifactSubmitted("artifact.submitted");
// version, decision (Decision)
inline constexpr QLatin1StringView reviewDecided("review.decided");
// input_tokens, output_tokens, cost_usd (totals for the run so far)
inline constexpr QLatin1StringView usage("run.usage");
// text: a person's steering message for the agent
inline constexpr QLatin1StringView steered("run.steered");
// reason: the run stops at the agent's next recorded step until resumed
inline constexpr QLatin1StringView paused("run.paused");
// (no payload)
inline constexpr QLatin1StringView resumed("run.resumed");
// kind, ok, message, details, parameters
inline constexpr QLatin1StringView actionExecuted("action.executed");

bool isLifecycle(QStringView kind);
bool isLifecycle(QByteArrayView kind);

} // namespace delegate::lifecycle
