// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {

enum class WorkspaceErrorCode {
    InvalidRequest,
    SourceNotFound,
    BaseRefNotFound,
    AlreadyExists,
    NotFound,
    GitFailed,
    Io,
};

// What went wrong with a workspace, in a message that names the repository,
// the ref or the path involved and carries git's own words when git failed.
struct WorkspaceError
{
    WorkspaceErrorCode code = WorkspaceErrorCode::Io;
    QString message;
};

} // namespace delegate
