// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clistreammapper.h"
#include "domain/agentspec.h"
#include "domain/capabilities.h"

#include <QStringList>

namespace delegate {

// How one CLI agent is invoked, and what it needs from an environment:
// a network route to its provider, its credentials, and itself on PATH.
struct CliAgentProfile
{
    AgentSpec::Runtime runtime = AgentSpec::Runtime::ClaudeCode;
    CliStreamMapper::Runtime stream = CliStreamMapper::Runtime::ClaudeCode;
    QString displayName; // "Claude Code"
    QString executable; // "claude"
    QStringList credentialVariables; // any one of them will do
    QStringList providerHosts; // what an allowlist must contain
    QString installHint;

    static std::optional<CliAgentProfile> forRuntime(AgentSpec::Runtime runtime);

    // What the environment lacks for this agent, one sentence per missing
    // grant; empty when it can run.
    QStringList missingGrants(const Capabilities &capabilities) const;

    // The command line, with permissions derived from the capabilities: an
    // agent with read-only access is never allowed to edit.
    QStringList arguments(const QString &prompt, const QString &model, const Capabilities &capabilities,
                          const QString &resumeSessionId) const;
};

} // namespace delegate
