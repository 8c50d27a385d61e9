// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl ls [--state S]... [--batch ID] [--limit N]: the engine's runs,
// newest first, one line each.
class ListCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl show RUN [--patch]: one run with its checkpoints, artifact
// versions, reviews and actions; --patch adds the latest patch.
class ShowCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl cancel RUN [--reason T]
class CancelCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl pause RUN [--reason T]
class PauseCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl resume RUN
class ResumeCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl steer RUN TEXT...: a message the agent reads before its next turn.
class SteerCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerRunCommands(CommandRegistry &registry);

} // namespace delegate::cli
