// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoro/QCoroTask>
#include <QString>
#include <QStringList>

namespace delegate::cli {

class Console;

// One delegatectl command, such as "task lint" or "audit verify".
// run() is a coroutine so commands that talk to an engine can await replies.
class Command
{
public:
    virtual ~Command() = default;

    // Words that select the command: {"task", "lint"}.
    virtual QStringList path() const = 0;
    // One line for the command list.
    virtual QString summary() const = 0;
    // Arguments are what follows the command's path.
    virtual QCoro::Task<int> run(QStringList arguments, Console &console) = 0;
};

} // namespace delegate::cli
