// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {

enum class SandboxErrorCode {
    BwrapMissing,
    UserNamespacesUnavailable,
    InvalidPolicy,
    InvalidRequest,
    PathOutsideWorkspace,
    NotFound,
    Io,
    StartFailed,
    SetupFailed,
    Unsupported,
    SessionClosed,
};

// An error is a value: what went wrong and what to do about it, in one message
// a user can act on.
struct SandboxError
{
    SandboxErrorCode code = SandboxErrorCode::Io;
    QString message;

    static QString codeName(SandboxErrorCode code);
};

} // namespace delegate
