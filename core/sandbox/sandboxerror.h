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
    // Remote (SSH) hosts.
    HostUnreachable, // no connection could be made
    HostKeyUnknown, // the host's key is not in known hosts, or changed
    AuthenticationRefused, // the host refused every key offered
    ToolMissing, // git, tar or another program the remote side needs is absent
    HostLost, // the connection dropped while the session was in use
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
