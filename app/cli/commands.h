// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace delegate::cli {

class CommandRegistry;

// Adds every delegatectl command to the registry.
void registerAllCommands(CommandRegistry &registry);

} // namespace delegate::cli
