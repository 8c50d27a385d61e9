// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace delegate {

// The files and paths a task file refers to, read the way delegatectl submit
// and batch and the composer read them: relative to the task file, since the
// engine that runs the task may run in another directory or on another machine.
class TaskFiles final
{
public:
    // Where to look for the environment a task names: NAME.yaml beside the
    // task file, then ../environments/NAME.yaml from it.
    static QStringList environmentCandidates(const QString &taskFile, const QString &name);
    // Whether a scope.repository is a path on this machine, not a clone URL
    // (https://…, ssh://…, git@host:path).
    static bool isLocalPath(const QString &repository);
    // A local repository path made absolute against baseDirectory (~ is the
    // home directory); clone URLs stay as they are.
    static QString resolveRepository(const QString &repository, const QString &baseDirectory);
};

} // namespace delegate
