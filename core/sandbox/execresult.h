// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandboxerror.h"

#include <QByteArray>

#include <chrono>
#include <optional>

namespace delegate {

// What a command did. Output is redacted and capped; when the cap was hit the
// stream that crossed it ends with "[output truncated after N bytes]".
struct ExecResult
{
    // Set when the command never ran (invalid request, sandbox setup failed);
    // the other fields are then meaningless.
    std::optional<SandboxError> error;

    // Shell convention, as the sandbox reports it: 0-255, and 128+N when the
    // command was killed by signal N.
    int exitCode = -1;
    int signal = 0; // N when exitCode was 128+N or the sandbox itself was killed, else 0
    bool timedOut = false; // the wall-time limit killed the whole process tree
    bool cancelled = false; // the session was torn down while the command ran
    bool truncated = false; // output went past the cap and the rest was dropped
    QByteArray stdoutData;
    QByteArray stderrData;
    std::chrono::milliseconds duration { 0 };

    bool succeeded() const { return !error && exitCode == 0 && !timedOut && !cancelled; }
};

} // namespace delegate
