// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <memory>
#include <vector>

namespace delegate::cli {

// Finds the command named by the leading words of argv and runs it; prints
// help that lists every command when none matches.
class CommandRegistry final
{
public:
    void add(std::unique_ptr<Command> command);

    // arguments exclude the program name.
    QCoro::Task<int> dispatch(QStringList arguments, Console &console);

    void printHelp(Console &console, const QStringList &prefix = {}) const;

private:
    Command *find(const QStringList &arguments) const;

    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace delegate::cli
