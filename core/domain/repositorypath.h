// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {

// A task's scope.repository as a client reads it before sending the task:
// the engine may run in another directory or on another machine, so a local
// path is made absolute where the person wrote it.
class RepositoryPath final
{
public:
    // Whether a repository is a path on this machine, not a clone URL
    // (https://…, ssh://…, git@host:path).
    static bool isLocal(const QString &repository);
    // A local repository path made absolute against baseDirectory (~ is the
    // home directory); clone URLs stay as they are.
    static QString resolve(const QString &repository, const QString &baseDirectory);
};

} // namespace delegate
