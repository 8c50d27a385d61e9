// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include "sandbox/localsandbox.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl sandbox exec ENV.yaml [--workspace DIR] [--tool-dir DIR]... --
// COMMAND [ARGS...]: runs one command in an environment's sandbox exactly as
// an agent's command runs there (same policy, limits and redaction), streams
// its output and returns its exit code. How a user tries an environment out
// before delegating to it.
class SandboxExecCommand final : public Command
{
public:
    // Codes of its own, as timeout(1) and env(1) use them; anything else is
    // the command's exit code (128+N when a signal N killed it).
    enum Exit : int {
        ExitTimedOut = 124, // the environment's wall time killed the command
        ExitCannotRun = 125, // invalid environment, missing secret or tool, no usable sandbox
        ExitNotFound = 127, // the command does not exist inside the sandbox
    };

    explicit SandboxExecCommand(LocalSandboxOptions options = {});

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;

private:
    LocalSandboxOptions m_options;
};

void registerSandboxCommands(CommandRegistry &registry);

} // namespace delegate::cli
