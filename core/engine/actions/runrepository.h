// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/gitrunner.h"
#include "workspace/workspace.h"

#include <QCoro/QCoroTask>
#include <QMap>
#include <QStringList>

#include <chrono>
#include <optional>

namespace delegate {

// The git side of a run's workspace as actions see it: every command names
// the worktree's own git directory, so the user's working tree, index and
// checked-out branch are never involved. Refs are shared with the user's
// repository, which is how the branch shows up there.
class RunRepository final
{
public:
    RunRepository(Workspace workspace, std::chrono::milliseconds timeout);

    const Workspace &workspace() const { return m_workspace; }
    QString branchRef() const { return QStringLiteral("refs/heads/") + m_workspace.branch; }
    // Where the branch lives for people: the user's repository, or
    // Delegate's own repository of a copied directory.
    QString repositoryName() const;

    // What stops any git action on this workspace; empty when nothing does.
    QStringList problems() const;

    // Not coroutines themselves: the caller's co_await then holds no
    // temporaries that GCC 12 would mishandle.
    QCoro::Task<GitOutput> git(const QStringList &arguments) const;
    QCoro::Task<GitOutput> git(const QStringList &arguments, const QMap<QString, QString> &environment) const;
    QCoro::Task<GitOutput> git(const QStringList &arguments, const QMap<QString, QString> &environment,
                               std::chrono::milliseconds timeout) const;
    // The commit a revision names, or nothing when it names none.
    QCoro::Task<std::optional<QString>> commitOf(QString revision) const;
    QCoro::Task<QString> config(QString key) const;

private:
    Workspace m_workspace;
    std::chrono::milliseconds m_timeout;
};

} // namespace delegate
