// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl user add|list|revoke: the people of a team server and their
// roles, in the tokens file the daemon reads (delegated --tokens FILE),
// which reloads it when it changes.
class UserCommand final : public Command
{
public:
    enum class Action { Add, List, Revoke };
    explicit UserCommand(Action action);

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;

private:
    Action m_action;
};

void registerUserCommands(CommandRegistry &registry);

} // namespace delegate::cli
