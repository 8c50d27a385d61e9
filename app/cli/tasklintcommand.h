// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

// delegatectl task lint FILE [--json]: judges a task file against the four
// elements of a bounded task and says what to fix.
class TaskLintCommand final : public Command
{
public:
    // The exit code is the verdict, so scripts and CI can gate on it.
    enum Exit : int {
        ExitBounded = 0,
        ExitPartiallyBounded = 1,
        ExitUnbounded = 2,
        ExitInvalidFile = 3, // the file could not be read as a task; the errors say where
    };

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

} // namespace delegate::cli
