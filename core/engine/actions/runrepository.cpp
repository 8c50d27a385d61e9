// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/runrepository.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace delegate {

RunRepository::RunRepository(Workspace workspace, std::chrono::milliseconds timeout)
    : m_workspace(std::move(workspace))
    , m_timeout(timeout)
{ }

QString RunRepository::repositoryName() const
{
    if (m_workspace.kind == Workspace::Kind::CopiedDirectory)
        return u"Delegate's repository for the copy of %1 (%2)"_s.arg(m_workspace.source, m_workspace.gitDir);
    return m_workspace.source;
}

QStringList RunRepository::problems() const
{
    if (m_workspace.gitDir.isEmpty())
        return {
            u"the request carries no workspace: git actions need the run's worktree (Workspace with its git "
            u"directory and branch)"_s
        };
    QStringList problems;
    if (!QFileInfo(m_workspace.gitDir).isDir())
        problems.append(
            u"the git directory %1 of run '%2' is gone: the workspace was removed, so its patch can no "
            u"longer be committed from it; keep workspaces until their actions ran"_s.arg(m_workspace.gitDir,
                                                                                          m_workspace.runId));
    if (m_workspace.branch.isEmpty() || !m_workspace.branch.startsWith("delegate/"_L1))
        problems.append(
            u"the workspace names branch '%1'; actions only write Delegate's own delegate/<run-id> "
            u"branches"_s.arg(m_workspace.branch));
    if (m_workspace.baseCommit.isEmpty())
        problems.append(u"the workspace records no base commit to commit on top of"_s);
    return problems;
}

QCoro::Task<GitOutput> RunRepository::git(const QStringList &arguments) const
{
    return git(arguments, {}, m_timeout);
}

QCoro::Task<GitOutput> RunRepository::git(const QStringList &arguments,
                                          const QMap<QString, QString> &environment) const
{
    return git(arguments, environment, m_timeout);
}

QCoro::Task<GitOutput> RunRepository::git(const QStringList &arguments,
                                          const QMap<QString, QString> &environment,
                                          std::chrono::milliseconds timeout) const
{
    // Run from the run's own directory: never from inside the user's tree.
    QString directory = QFileInfo(m_workspace.directory).isDir() ? m_workspace.directory
                                                                 : QFileInfo(m_workspace.gitDir).path();
    QStringList full { u"--git-dir="_s + m_workspace.gitDir };
    full += arguments;
    return GitRunner::run(std::move(full), std::move(directory), environment, timeout);
}

QCoro::Task<std::optional<QString>> RunRepository::commitOf(QString revision) const
{
    QStringList arguments { u"rev-parse"_s, u"--verify"_s, u"--quiet"_s, revision + u"^{commit}"_s };
    QCoro::Task<GitOutput> task = git(arguments);
    const GitOutput output = co_await std::move(task);
    if (!output.ok() || output.stdoutText().isEmpty())
        co_return std::nullopt;
    co_return output.stdoutText();
}

QCoro::Task<QString> RunRepository::config(QString key) const
{
    QStringList arguments { u"config"_s, u"--get"_s, key };
    QCoro::Task<GitOutput> task = git(arguments);
    const GitOutput output = co_await std::move(task);
    co_return output.ok() ? output.stdoutText() : QString();
}

} // namespace delegate
