// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "commandregistry.h"
#include "tasklintcommand.h"

namespace delegate::cli {

void registerAllCommands(CommandRegistry &registry)
{
    // Each command group adds itself here, one line each.
    registry.add(std::make_unique<TaskLintCommand>());
    Q_UNUSED(registry);
}

} // namespace delegate::cli
