// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace delegate::cli {

// Exit codes shared by every delegatectl command (documented in docs/cli.md).
// Commands with verdicts (lint, verify) define their own codes below 64.
enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 64, // wrong arguments: the message says which and shows usage
    ExitInputError = 65, // a file could not be read or parsed
    ExitUnavailable = 69, // a needed service (store, engine) is not there
    ExitSoftware = 70, // an internal error; the message says what failed
};

} // namespace delegate::cli
