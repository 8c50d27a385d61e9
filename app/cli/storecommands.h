// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl store migrate --from SQLITE_FILE --to postgresql://… [--batch N]
// [--json] [--quiet]: copies a whole history into an empty store (see
// StoreCopier) and verifies the copy's chain.
class StoreMigrateCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerStoreCommands(CommandRegistry &registry);

} // namespace delegate::cli
