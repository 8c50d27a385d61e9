// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl watch RUN [--until-human]: a run's events from the start, then
// live, one line each, until the run ends (or needs a person); the exit code
// is what it came to, as for submit --wait.
class WatchCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerWatchCommand(CommandRegistry &registry);

} // namespace delegate::cli
