// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {

struct WorkspaceRequest
{
    QString runId; // letters, digits, '.', '_', '-'; becomes part of the branch name
    QString source; // the user's repository (any directory inside it) or a plain directory
    // A branch, tag, remote-tracking branch ("origin/main") or commit; empty
    // means the repository's current HEAD, which is never fetched.
    QString baseRef;
    bool fetch = true; // fetch baseRef from the repository's remote first
};

} // namespace delegate
