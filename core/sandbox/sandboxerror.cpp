// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandboxerror.h"

namespace delegate {

QString SandboxError::codeName(SandboxErrorCode code)
{
    switch (code) {
    case SandboxErrorCode::BwrapMissing:
        return QStringLiteral("bwrap-missing");
    case SandboxErrorCode::UserNamespacesUnavailable:
        return QStringLiteral("user-namespaces-unavailable");
    case SandboxErrorCode::InvalidPolicy:
        return QStringLiteral("invalid-policy");
    case SandboxErrorCode::InvalidRequest:
        return QStringLiteral("invalid-request");
    case SandboxErrorCode::PathOutsideWorkspace:
        return QStringLiteral("path-outside-workspace");
    case SandboxErrorCode::NotFound:
        return QStringLiteral("not-found");
    case SandboxErrorCode::Io:
        return QStringLiteral("io");
    case SandboxErrorCode::StartFailed:
        return QStringLiteral("start-failed");
    case SandboxErrorCode::SetupFailed:
        return QStringLiteral("setup-failed");
    case SandboxErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case SandboxErrorCode::SessionClosed:
        return QStringLiteral("session-closed");
    case SandboxErrorCode::HostUnreachable:
        return QStringLiteral("host-unreachable");
    case SandboxErrorCode::HostKeyUnknown:
        return QStringLiteral("host-key-unknown");
    case SandboxErrorCode::AuthenticationRefused:
        return QStringLiteral("authentication-refused");
    case SandboxErrorCode::ToolMissing:
        return QStringLiteral("tool-missing");
    case SandboxErrorCode::HostLost:
        return QStringLiteral("host-lost");
    }
    return QStringLiteral("unknown");
}

} // namespace delegate
