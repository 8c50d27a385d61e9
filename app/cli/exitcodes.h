// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace delegate::cli {

// Exit codes shared by every delegatectl command (documented in docs/cli.md).
// Commands with verdicts (lint, verify) define their own codes below 64.
// Failures follow sysexits.h, so scripts can tell them from verdicts.
enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 64, // wrong arguments: the message says which and shows usage
    ExitInputError = 65, // a file could not be read or parsed, or the engine refused a value (-32602)
    ExitNotFound = 66, // the engine has no such run or checkpoint (-32003)
    ExitUnauthenticated = 67, // the engine did not accept the token (-32001)
    ExitUnavailable = 69, // a needed service (store, engine) is not there, or cannot do it now (-32005)
    ExitSoftware = 70, // an internal error; the message says what failed (-32603 from the engine)
    ExitConflict = 75, // the run or checkpoint is not in a state that allows it (-32004)
    ExitProtocol = 76, // the engine does not know the request (-32600, -32601, -32700): it is older
    ExitForbidden = 77, // the token's role may not do this (-32002)
};

// What a run came to, for the commands that wait for runs (submit --wait,
// batch --wait, watch). Below 10 it went well, 10 to 19 a person is needed,
// 20 and up it ended without a result to use.
enum RunExitCode : int {
    ExitCompleted = 0,
    ExitWaitingForHuman = 10, // a question, a plan or a budget waits for a decision
    ExitInReview = 11, // a result waits for review
    ExitApproved = 12, // approved; its actions wait to be released (delegatectl act)
    ExitFailed = 20,
    ExitRejected = 21,
    ExitCancelled = 22,
    ExitInterrupted = 23, // the engine stopped mid-run
};

} // namespace delegate::cli
