// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl bench store [--events N] [--batch N] [--producers N]
// [--dir DIR | --store PATH] [--json]: the event store's ingest rate beside
// raw batched SQLite INSERTs measured in the same run, and their ratio.
class BenchStoreCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl bench search [--events N] [--samples N] [--dir DIR | --store PATH]
// [--json]: generates a store of realistic history and measures the first
// page of timeline filters and searches over it, p50/p95, cold and warm.
class BenchSearchCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerBenchCommands(CommandRegistry &registry);

} // namespace delegate::cli
