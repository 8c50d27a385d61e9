// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl secret set NAME [--from-file PATH]: stores a secret's value in
// the system keychain, where the engine reads it; the value comes from
// standard input (or a file), never from the command line, where other users
// and the shell's history could see it.
class SecretSetCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl secret remove NAME
class SecretRemoveCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl secret status NAME...: whether each has a value (never the value).
class SecretStatusCommand final : public Command
{
public:
    // 0 when every name has a value, 1 when one has none.
    enum Exit : int { ExitAllSet = 0, ExitSomeUnset = 1 };

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerSecretCommands(CommandRegistry &registry);

} // namespace delegate::cli
