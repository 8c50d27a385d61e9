// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "auditcommands.h"
#include "audittrailcommand.h"
#include "benchcommands.h"
#include "commandregistry.h"
#include "enginecommands.h"
#include "envcommands.h"
#include "reviewcommands.h"
#include "runcommands.h"
#include "sandboxcommands.h"
#include "secretcommands.h"
#include "skillcommands.h"
#include "storecommands.h"
#include "submitcommands.h"
#include "tasklintcommand.h"
#include "usercommands.h"
#include "watchcommand.h"

namespace delegate::cli {

void registerAllCommands(CommandRegistry &registry)
{
    // Each command group adds itself here, one line each.
    registry.add(std::make_unique<TaskLintCommand>());
    registerAuditCommands(registry);
    registerBenchCommands(registry);
    registerStoreCommands(registry);
    registerUserCommands(registry);
    registerEnvCommands(registry);
    registerSandboxCommands(registry);
    registerSkillCommands(registry);
    registerSecretCommands(registry);
    // Commands that talk to an engine.
    registerSubmitCommands(registry);
    registerRunCommands(registry);
    registerWatchCommand(registry);
    registerReviewCommands(registry);
    registerAuditTrailCommand(registry);
    registerEngineCommands(registry);
}

} // namespace delegate::cli
