// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/workspace.h"

#include <QJsonArray>

namespace delegate {

QJsonObject Workspace::toJson() const
{
    return QJsonObject {
        { QStringLiteral("runId"), runId },
        { QStringLiteral("kind"),
          kind == Kind::GitWorktree ? QStringLiteral("git-worktree") : QStringLiteral("copied-directory") },
        { QStringLiteral("directory"), directory },
        { QStringLiteral("path"), path },
        { QStringLiteral("gitDir"), gitDir },
        { QStringLiteral("source"), source },
        { QStringLiteral("branch"), branch },
        { QStringLiteral("baseRef"), baseRef },
        { QStringLiteral("resolvedRef"), resolvedRef },
        { QStringLiteral("baseCommit"), baseCommit },
        { QStringLiteral("notes"), QJsonArray::fromStringList(notes) },
    };
}

Workspace Workspace::fromJson(const QJsonObject &object)
{
    Workspace workspace;
    workspace.runId = object.value(QLatin1String("runId")).toString();
    workspace.kind = object.value(QLatin1String("kind")).toString() == QLatin1String("copied-directory")
        ? Kind::CopiedDirectory
        : Kind::GitWorktree;
    workspace.directory = object.value(QLatin1String("directory")).toString();
    workspace.path = object.value(QLatin1String("path")).toString();
    workspace.gitDir = object.value(QLatin1String("gitDir")).toString();
    workspace.source = object.value(QLatin1String("source")).toString();
    workspace.branch = object.value(QLatin1String("branch")).toString();
    workspace.baseRef = object.value(QLatin1String("baseRef")).toString();
    workspace.resolvedRef = object.value(QLatin1String("resolvedRef")).toString();
    workspace.baseCommit = object.value(QLatin1String("baseCommit")).toString();
    const QJsonArray notes = object.value(QLatin1String("notes")).toArray();
    for (const QJsonValue &note : notes)
        workspace.notes.append(note.toString());
    return workspace;
}

} // namespace delegate
