// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/orphanreport.h"
#include "workspace/workspace.h"
#include "workspace/workspacepatch.h"
#include "workspace/workspacerequest.h"
#include "workspace/workspaceresult.h"

#include <QCoro/QCoroTask>
#include <QObject>

#include <chrono>

namespace delegate {

// Creates, diffs and removes run workspaces under a Delegate-owned root
// directory (never inside the user's repository). A repository gets a git
// worktree on branch delegate/<run-id>, made with `git -C <repo> worktree
// add`: the user's working tree, index, HEAD and branches stay as they are.
// Every git command on a workspace names its git directory explicitly, so a
// .git file rewritten inside the sandbox cannot point git elsewhere.
class WorkspaceManager final : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceManager(QString root, QObject *parent = nullptr);

    QString root() const { return m_root; }
    void setFetchTimeout(std::chrono::milliseconds timeout) { m_fetchTimeout = timeout; }

    QCoro::Task<WorkspaceResult<Workspace>> create(WorkspaceRequest request);
    // The workspace a run left, from its metadata.
    WorkspaceResult<Workspace> load(const QString &runId) const;
    // Everything in the tree against the base commit: modified, new
    // (untracked), deleted, renamed and binary files, with per-file stats.
    // Files the repository ignores stay out.
    QCoro::Task<WorkspaceResult<WorkspacePatch>> collectPatch(Workspace workspace);
    // Removes the tree and the run's directory, and the branch unless kept.
    QCoro::Task<WorkspaceResult<void>> remove(Workspace workspace, bool keepBranch = false);
    // Removes what runs not in knownRunIds left behind (a crash, a kill).
    // Their branches go too, unless they moved past the base commit.
    QCoro::Task<WorkspaceResult<OrphanReport>> collectOrphans(QStringList knownRunIds);

    static bool isValidRunId(const QString &runId);
    static QString branchFor(const QString &runId) { return QStringLiteral("delegate/") + runId; }

private:
    QString m_root;
    std::chrono::milliseconds m_fetchTimeout { std::chrono::minutes(2) };
};

} // namespace delegate
