// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace delegate {

// A run's private copy of the code: a git worktree of the user's repository,
// or, for a directory that is no repository, a copy with a repository of its
// own so that a patch can still be collected.
struct Workspace
{
    enum class Kind { GitWorktree, CopiedDirectory };

    QString runId;
    Kind kind = Kind::GitWorktree;
    QString directory; // the run's Delegate-owned directory
    QString path; // the tree the sandbox works in (directory/tree)
    QString gitDir; // outside the tree; the engine never trusts the tree's own .git
    QString source; // the user's repository or directory
    QString branch; // delegate/<run-id>
    QString baseRef; // as asked
    QString resolvedRef; // what it resolved to, e.g. "origin/main (fetched)"
    QString baseCommit; // the commit the patch is taken against
    QStringList notes; // what the user should know, e.g. an offline fetch

    QJsonObject toJson() const;
    static Workspace fromJson(const QJsonObject &object);
};

} // namespace delegate
