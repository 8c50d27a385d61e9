// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/cli/cliagentprofile.h"

#include <QCoro/QCoroTask>
#include <QProcessEnvironment>

#include <chrono>

namespace delegate {

// What this machine has of one CLI agent (Claude Code, Codex, Gemini CLI).
struct CliAgentStatus
{
    CliAgentProfile profile;
    QString path; // empty: not on PATH
    QString version; // what `--version` printed, first line
    QString problem; // found but `--version` failed: why
    // Where its credentials come from ("ANTHROPIC_API_KEY is set", a login
    // file); empty when it has none, so runs would fail to authenticate.
    QString credentials;

    bool found() const { return !path.isEmpty(); }
    bool canAuthenticate() const { return !credentials.isEmpty(); }
    // One sentence for a person: found or not, its version, whether it can
    // log in, and what to do next.
    QString summary() const;
};

// Looks for the CLI agents on the PATH of an environment (the engine's, by
// default), asks each for its version, and checks whether its credentials
// are there: an API key variable or the file its own login writes.
class CliAgentDetector final
{
public:
    static QCoro::Task<QList<CliAgentStatus>>
    detectAll(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
              std::chrono::milliseconds timeout = std::chrono::seconds(10));
    static QCoro::Task<CliAgentStatus> detect(CliAgentProfile profile, QProcessEnvironment environment,
                                              std::chrono::milliseconds timeout);

    // The file the agent's own login ("claude login" …) keeps, under $HOME.
    static QString loginFile(AgentSpec::Runtime runtime);
};

} // namespace delegate
