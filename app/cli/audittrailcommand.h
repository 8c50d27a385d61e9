// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl audit trail RUN [--html FILE] [engine options]: a run's audit
// trail from the engine — bounds, grants, every tool call, checkpoint,
// version, review and action in order — printed, or written as a
// self-contained HTML report.
class AuditTrailCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerAuditTrailCommand(CommandRegistry &registry);

} // namespace delegate::cli
