// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "auditcommands.h"
#include "benchcommands.h"
#include "commandregistry.h"
#include "envcommands.h"
#include "sandboxcommands.h"
#include "tasklintcommand.h"

namespace delegate::cli {

void registerAllCommands(CommandRegistry &registry)
{
    // Each command group adds itself here, one line each.
    registry.add(std::make_unique<TaskLintCommand>());
    registerAuditCommands(registry);
    registerBenchCommands(registry);
    registerEnvCommands(registry);
    registerSandboxCommands(registry);
    Q_UNUSED(registry);
}

} // namespace delegate::cli
