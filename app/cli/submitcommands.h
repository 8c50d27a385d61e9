// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl submit TASK.yaml [--env ENV.yaml] [--skill DIR] [--attempts N]
// [--priority P] [--wait]: sends a task file off as one run (or N attempts)
// with the environment it names; with --wait, follows the runs until each
// needs a person or has ended, and exits with what they came to.
class SubmitCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl batch SKILL_DIR --targets FILE --env ENV.yaml [--task TASK.yaml]
// [--param KEY=VALUE]... [--target-param NAME] [--budget USD] [--wait]
// [--dry-run]: one run of a skill per target, all in one batch with one budget.
class BatchCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerSubmitCommands(CommandRegistry &registry);

} // namespace delegate::cli
