// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentruntime.h"
#include "cliagentprofile.h"

namespace delegate {

// Runs a CLI agent (Claude Code, Codex, Gemini CLI) inside the run's sandbox
// and turns its JSON stream into Delegate's events as it arrives. The
// artifact is the workspace's diff (collected by the engine) plus the
// agent's final message.
class CliAgentRuntime final : public AgentRuntime
{
    Q_OBJECT

public:
    CliAgentRuntime(CliAgentProfile profile, QObject *parent = nullptr);

    QCoro::Task<AgentOutcome> run(AgentRunContext context, AgentHost *host) override;
    void cancel() override;

private:
    CliAgentProfile m_profile;
    bool m_cancelled = false;
};

} // namespace delegate
