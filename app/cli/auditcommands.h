// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl audit verify [--store PATH] [--json] [--progress]: walks the
// event log's hash chain and names the first broken event and why.
class AuditVerifyCommand final : public Command
{
public:
    // The exit code is the verdict, so scripts can gate on it.
    enum Exit : int {
        ExitIntact = 0,
        ExitBroken = 1,
    };

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl audit export [--format jsonl|csv] [--since TIME] [--run ID]
// [--output FILE]: writes events with the chain's head hash, so someone
// outside Delegate can check them.
class AuditExportCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl audit search QUERY [--limit N] [--page N] [--fts]: full-text
// search over the event log, newest first.
class AuditSearchCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerAuditCommands(CommandRegistry &registry);

} // namespace delegate::cli
