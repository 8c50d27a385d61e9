// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl engine status: the engine's versions, store, providers,
// limits, runs per state and what was spent today.
class EngineStatusCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl engine stop: asks the user's local engine to stop (SIGTERM)
// and waits until it has; its runs resume when it next starts.
class EngineStopCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerEngineCommands(CommandRegistry &registry);

} // namespace delegate::cli
