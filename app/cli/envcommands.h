// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl env check ENV.yaml TASK.yaml [--json]: whether an environment
// grants what a task needs (missing) and nothing more (excess), with the
// YAML change that fixes each finding.
class EnvCheckCommand final : public Command
{
public:
    // The exit code is the verdict, so scripts and CI can gate on it.
    enum Exit : int {
        ExitAligned = 0,
        ExitExcess = 1, // the task can be done, but least privilege is broken
        ExitMissing = 2, // the task cannot be done in this environment
        ExitInvalidFile = 3, // a file could not be read; the errors say where
    };

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl env capabilities [ENV.yaml] [--json]: the capability catalogue
// (what each grant allows and risks), or the grants of one environment.
class EnvCapabilitiesCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerEnvCommands(CommandRegistry &registry);

} // namespace delegate::cli
