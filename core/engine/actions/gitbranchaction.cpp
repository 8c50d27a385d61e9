// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/gitbranchaction.h"

#include "engine/actions/actionparameters.h"
#include "engine/actions/artifacttext.h"
#include "engine/actions/requestchecks.h"
#include "engine/actions/runrepository.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

struct BranchPlan
{
    QStringList problems;
    QString message;
    QString authorName;
    QString authorEmail;
    bool authorFromConfig = false;
    QString tip; // the branch's commit now; empty when the branch does not exist
    PatchContent patch;
};

struct TreeOutcome
{
    QString tree;
    QString error;
};

QString shortId(const QString &commit)
{
    return commit.left(12);
}

QString defaultMessage(const ActionRequest &request)
{
    const QString summary = request.artifact.summary.trimmed();
    const QString subject = ArtifactText::subject(request.artifact, request.runId);
    QString message = subject + u"\n\n"_s;
    if (!summary.isEmpty() && summary != subject)
        message += summary + u"\n\n"_s;
    message +=
        u"Delegate-Run: %1\nDelegate-Artifact: v%2\n"_s.arg(request.runId).arg(request.artifact.version);
    return message;
}

QJsonArray filesJson(const PatchContent &patch)
{
    QJsonArray files;
    for (const PatchContent::FileStat &file : patch.files)
        files.append(file.toJson());
    return files;
}

// Base tree plus the approved diff in an index of our own. With checkOnly
// nothing is written to the repository at all.
QCoro::Task<TreeOutcome> buildTree(const RunRepository &repository, QString diff, bool checkOnly)
{
    TreeOutcome outcome;
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        outcome.error = u"cannot create a temporary directory (%1)"_s.arg(scratch.errorString());
        co_return outcome;
    }
    const QString patchFile = scratch.filePath(u"approved.diff"_s);
    QFile file(patchFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(diff.toUtf8()) < 0) {
        outcome.error = u"cannot write %1 (%2)"_s.arg(patchFile, file.errorString());
        co_return outcome;
    }
    file.close();
    const QMap<QString, QString> env { { u"GIT_INDEX_FILE"_s, scratch.filePath(u"index"_s) } };
    const QString base = repository.workspace().baseCommit;

    QStringList readTree { u"read-tree"_s, base };
    auto readTask = repository.git(readTree, env);
    const GitOutput read = co_await std::move(readTask);
    if (!read.ok()) {
        outcome.error = u"cannot read base commit %1: %2"_s.arg(base, read.errorText());
        co_return outcome;
    }
    QStringList apply { u"apply"_s, u"--cached"_s, u"--binary"_s, u"--whitespace=nowarn"_s };
    if (checkOnly)
        apply.append(u"--check"_s);
    apply.append(patchFile);
    auto appliedTask = repository.git(apply, env);
    const GitOutput applied = co_await std::move(appliedTask);
    if (!applied.ok()) {
        outcome.error =
            u"the approved patch does not apply to base commit %1 (%2); the artifact's diff must be "
            u"the one collected from this run's workspace"_s.arg(shortId(base), applied.errorText());
        co_return outcome;
    }
    if (checkOnly)
        co_return outcome;
    QStringList writeTree { u"write-tree"_s };
    auto writtenTask = repository.git(writeTree, env);
    const GitOutput written = co_await std::move(writtenTask);
    if (!written.ok()) {
        outcome.error = u"cannot write the patched tree: %1"_s.arg(written.errorText());
        co_return outcome;
    }
    outcome.tree = written.stdoutText();
    co_return outcome;
}

QCoro::Task<BranchPlan> plan(ActionRequest request, ActionSettings settings)
{
    BranchPlan plan;
    plan.problems = RequestChecks::artifact(request, { ArtifactKind::Patch });
    ActionParameters parameters(request.parameters);
    const QString message = parameters.text("message"_L1);
    plan.problems += parameters.problems();
    plan.message = message.isEmpty() ? defaultMessage(request) : message + u'\n';

    const RunRepository repository(request.workspace, settings.gitTimeout);
    const QStringList workspaceProblems = repository.problems();
    plan.problems += workspaceProblems;
    if (const PatchContent *patch = std::get_if<PatchContent>(&request.artifact.content)) {
        plan.patch = *patch;
        if (patch->diff.trimmed().isEmpty())
            plan.problems.append(u"the approved patch is empty: there is nothing to commit"_s);
    }
    if (!workspaceProblems.isEmpty() || !plan.problems.isEmpty())
        co_return plan;

    const Workspace &workspace = request.workspace;
    if (workspace.kind == Workspace::Kind::GitWorktree) {
        QStringList symbolicRef { u"-C"_s, workspace.source, u"symbolic-ref"_s, u"--quiet"_s, u"HEAD"_s };
        auto headTask = GitRunner::run(symbolicRef, workspace.source, {}, settings.gitTimeout);
        const GitOutput head = co_await std::move(headTask);
        if (head.ok() && head.stdoutText() == repository.branchRef())
            plan.problems.append(
                u"%1 is checked out in your repository %2; Delegate does not commit on a branch "
                u"you have checked out: switch to another branch first"_s.arg(workspace.branch,
                                                                              workspace.source));
    }

    auto authorNameTask = repository.config(u"user.name"_s);
    plan.authorName = co_await std::move(authorNameTask);
    auto authorEmailTask = repository.config(u"user.email"_s);
    plan.authorEmail = co_await std::move(authorEmailTask);
    plan.authorFromConfig = !plan.authorName.isEmpty() && !plan.authorEmail.isEmpty();
    if (!plan.authorFromConfig) {
        plan.authorName = settings.fallbackAuthorName;
        plan.authorEmail = settings.fallbackAuthorEmail;
    }

    auto baseTask = repository.commitOf(workspace.baseCommit);
    const std::optional<QString> base = co_await std::move(baseTask);
    if (!base)
        plan.problems.append(
            u"base commit %1 is not in %2 any more; the run's patch cannot be committed on it"_s.arg(
                workspace.baseCommit, repository.repositoryName()));
    auto tipTask = repository.commitOf(repository.branchRef());
    const std::optional<QString> tip = co_await std::move(tipTask);
    plan.tip = tip.value_or(QString());

    auto checkTask = buildTree(repository, plan.patch.diff, true);
    const TreeOutcome check = co_await std::move(checkTask);
    if (!check.error.isEmpty())
        plan.problems.append(check.error);
    co_return plan;
}

} // namespace

QCoro::Task<ActionPreview> GitBranchAction::preview(ActionRequest request, ActionContext context)
{
    auto branchPlanTask = plan(request, context.settings);
    const BranchPlan branchPlan = co_await std::move(branchPlanTask);
    const Workspace &workspace = request.workspace;
    ActionPreview preview;
    preview.kind = ActionKind::GitBranch;
    preview.problems = branchPlan.problems;
    preview.ready = branchPlan.problems.isEmpty();
    preview.details = QJsonObject {
        { u"repository"_s, workspace.source },
        { u"git_dir"_s, workspace.gitDir },
        { u"branch"_s, workspace.branch },
        { u"base_commit"_s, workspace.baseCommit },
        { u"message"_s, branchPlan.message },
        { u"author"_s, u"%1 <%2>"_s.arg(branchPlan.authorName, branchPlan.authorEmail) },
        { u"author_from"_s, branchPlan.authorFromConfig ? u"git configuration"_s : u"Delegate's fallback"_s },
        { u"files"_s, filesJson(branchPlan.patch) },
    };
    if (!branchPlan.tip.isEmpty() && branchPlan.tip != workspace.baseCommit)
        preview.details.insert(u"branch_commit"_s, branchPlan.tip);
    preview.summary =
        u"Commit the approved patch (%1) on %2 in %3, on top of %4, as %5 <%6>. Your working tree, "
        u"index and checked-out branch stay as they are."_s.arg(
            ArtifactText::patchStats(branchPlan.patch), workspace.branch, workspace.source,
            shortId(workspace.baseCommit), branchPlan.authorName, branchPlan.authorEmail);
    co_return preview;
}

QCoro::Task<ActionResult> GitBranchAction::execute(ActionRequest request, ActionContext context)
{
    ActionResult result;
    result.kind = ActionKind::GitBranch;
    result.branch = request.workspace.branch;
    auto branchPlanTask = plan(request, context.settings);
    const BranchPlan branchPlan = co_await std::move(branchPlanTask);
    if (!branchPlan.problems.isEmpty()) {
        result.message = u"Nothing was committed: "_s + branchPlan.problems.join(u"; "_s) + u'.';
        co_return result;
    }
    const RunRepository repository(request.workspace, context.settings.gitTimeout);
    const Workspace &workspace = repository.workspace();

    auto treeTask = buildTree(repository, branchPlan.patch.diff, false);
    const TreeOutcome tree = co_await std::move(treeTask);
    if (!tree.error.isEmpty()) {
        result.message = u"Nothing was committed: "_s + tree.error + u'.';
        co_return result;
    }

    if (!branchPlan.tip.isEmpty() && branchPlan.tip != workspace.baseCommit) {
        // Done before (a retry after a lost answer): the same tree on the
        // same parent counts as success, anything else is someone's work.
        auto parentTask = repository.commitOf(branchPlan.tip + u"^"_s);
        const std::optional<QString> parent = co_await std::move(parentTask);
        QStringList treeOf { u"rev-parse"_s, u"--verify"_s, branchPlan.tip + u"^{tree}"_s };
        auto tipTreeTask = repository.git(treeOf);
        const GitOutput tipTree = co_await std::move(tipTreeTask);
        if (parent == workspace.baseCommit && tipTree.ok() && tipTree.stdoutText() == tree.tree) {
            result.ok = true;
            result.commit = branchPlan.tip;
            result.message =
                u"%1 already holds the approved patch as %2 in %3; nothing new was committed."_s.arg(
                    workspace.branch, shortId(branchPlan.tip), repository.repositoryName());
            co_return result;
        }
        result.message =
            u"Nothing was committed: %1 in %2 has moved to %3, which is not the approved patch on "
            u"base commit %4. Look at that commit (git log %1); delete the branch if it can go, "
            u"then run this action again."_s.arg(workspace.branch, repository.repositoryName(),
                                                 shortId(branchPlan.tip), shortId(workspace.baseCommit));
        result.commit = branchPlan.tip;
        co_return result;
    }

    const QMap<QString, QString> identity {
        { u"GIT_AUTHOR_NAME"_s, branchPlan.authorName },
        { u"GIT_AUTHOR_EMAIL"_s, branchPlan.authorEmail },
        { u"GIT_COMMITTER_NAME"_s, branchPlan.authorName },
        { u"GIT_COMMITTER_EMAIL"_s, branchPlan.authorEmail },
    };
    // No signing: a daemon has nobody to type a passphrase into pinentry.
    QStringList commitTree {
        u"commit-tree"_s, u"--no-gpg-sign"_s,          tree.tree, u"-p"_s, workspace.baseCommit,
        u"-m"_s,          branchPlan.message.trimmed()
    };
    auto commitTask = repository.git(commitTree, identity);
    const GitOutput commit = co_await std::move(commitTask);
    if (!commit.ok()) {
        result.message = u"Nothing was committed: git commit-tree failed in %1 (%2)."_s.arg(
            repository.repositoryName(), commit.errorText());
        co_return result;
    }
    const QString commitId = commit.stdoutText();
    // The expected old value makes this a compare-and-swap: a branch that
    // moved meanwhile is left alone.
    QStringList updateRef {
        u"update-ref"_s,        u"-m"_s,  u"delegate: approved patch of run "_s + request.runId,
        repository.branchRef(), commitId, branchPlan.tip
    };
    auto updatedTask = repository.git(updateRef);
    const GitOutput updated = co_await std::move(updatedTask);
    if (!updated.ok()) {
        result.message =
            u"The commit %1 was made but %2 could not be moved to it (%3); run this action again."_s.arg(
                shortId(commitId), workspace.branch, updated.errorText());
        co_return result;
    }
    // The worktree's own index follows its HEAD, so `git status` in it
    // stays quiet; the user's index is another file and is not touched.
    if (workspace.kind == Workspace::Kind::GitWorktree) {
        QStringList refresh { u"read-tree"_s, commitId };
        auto refreshTask = repository.git(refresh);
        (void)co_await std::move(refreshTask);
    }

    result.ok = true;
    result.commit = commitId;
    result.details.insert(u"tree"_s, tree.tree);
    result.details.insert(u"base_commit"_s, workspace.baseCommit);
    result.details.insert(u"author"_s, u"%1 <%2>"_s.arg(branchPlan.authorName, branchPlan.authorEmail));
    result.message =
        u"Committed the approved patch (%1) on %2 in %3 as %4, on top of %5. Your working tree, index "
        u"and checked-out branch were not touched."_s.arg(ArtifactText::patchStats(branchPlan.patch),
                                                          workspace.branch, repository.repositoryName(),
                                                          shortId(commitId), shortId(workspace.baseCommit));
    co_return result;
}

} // namespace delegate
