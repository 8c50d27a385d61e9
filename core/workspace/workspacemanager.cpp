// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/workspacemanager.h"

#include "workspace/gitrunner.h"
#include "workspace/patchstats.h"

#include <QCoro/QCoroProcess>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>

#include <memory>

using namespace std::chrono_literals;

namespace delegate {

namespace {

const QString kMetadataFile = QStringLiteral("workspace.json");

// Builds an argument list without an initializer_list: GCC 12 cannot keep
// one alive across a co_await in the same expression.
template<typename... Strings> QStringList gitArgs(Strings &&...strings)
{
    QStringList list;
    list.reserve(sizeof...(strings));
    (list.append(QString(std::forward<Strings>(strings))), ...);
    return list;
}

WorkspaceError error(WorkspaceErrorCode code, const QString &message)
{
    return WorkspaceError { code, message };
}

WorkspaceError gitError(const QString &what, const GitOutput &output)
{
    return error(WorkspaceErrorCode::GitFailed, QStringLiteral("%1: %2").arg(what, output.errorText()));
}

// Not a coroutine itself: GCC 12 mishandles temporaries built inside a
// co_await expression, so the call is made directly.
QCoro::Task<GitOutput> git(const QStringList &arguments, const QString &workingDirectory = {},
                           const QMap<QString, QString> &environment = {},
                           std::chrono::milliseconds timeout = 5min)
{
    return GitRunner::run(arguments, workingDirectory, environment, timeout);
}

// git arguments that address a workspace tree without reading its .git file.
QStringList treeGit(const Workspace &workspace, QStringList arguments)
{
    return QStringList { QStringLiteral("--git-dir=") + workspace.gitDir,
                         QStringLiteral("--work-tree=") + workspace.path }
    + arguments;
}

bool writeMetadata(const Workspace &workspace)
{
    QSaveFile file(workspace.directory + u'/' + kMetadataFile);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(workspace.toJson()).toJson());
    return file.commit();
}

bool isInside(const QString &path, const QString &directory)
{
    return path == directory || path.startsWith(directory + u'/');
}

// Directories a sandboxed command made read-only would stop the removal of
// their contents when the engine is not root.
void makeRemovable(const QString &path)
{
    QDirIterator it(path, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    QFile::setPermissions(path,
                          QFile::permissions(path) | QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir() && !info.isSymLink())
            QFile::setPermissions(
                info.filePath(), info.permissions() | QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
}

bool removeDirectory(const QString &path)
{
    if (!QFileInfo::exists(path))
        return true;
    makeRemovable(path);
    return QDir(path).removeRecursively();
}

QCoro::Task<bool> copyDirectory(QString from, QString to)
{
    auto process = std::make_unique<QProcess>();
    // cp keeps modes, symlinks and timestamps, and clones blocks where the
    // file system can.
    process->start(QStringLiteral("cp"),
                   { QStringLiteral("-a"), QStringLiteral("--reflink=auto"), QStringLiteral("--"),
                     from + QStringLiteral("/."), to });
    if (!co_await qCoro(process.get()).waitForStarted(30s))
        co_return false;
    if (process->state() != QProcess::NotRunning)
        co_await qCoro(process.get()).waitForFinished(30min);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(5000);
        co_return false;
    }
    co_return process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0;
}

struct FetchPlan
{
    QString remote; // empty: nothing to fetch
    QString source; // the ref on the remote
    QString reason; // why nothing is fetched, when that is worth a note
};

bool isFullCommitId(const QString &ref)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{40}([0-9a-f]{24})?$"));
    return hex.match(ref).hasMatch();
}

QCoro::Task<FetchPlan> planFetch(QString repository, QString baseRef)
{
    FetchPlan plan;
    const GitOutput remotes =
        co_await git(gitArgs(QStringLiteral("-C"), repository, QStringLiteral("remote")));
    const QStringList names = remotes.stdoutText().split(u'\n', Qt::SkipEmptyParts);
    if (!remotes.ok() || names.isEmpty())
        co_return plan;

    QString ref = baseRef;
    if (ref.startsWith(QLatin1String("refs/remotes/")))
        ref = ref.mid(13);
    const qsizetype slash = ref.indexOf(u'/');
    if (slash > 0 && !ref.startsWith(QLatin1String("refs/")) && names.contains(ref.left(slash))) {
        plan.remote = ref.left(slash);
        plan.source = QStringLiteral("refs/heads/") + ref.mid(slash + 1);
        co_return plan;
    }
    if (isFullCommitId(ref)) {
        const GitOutput local =
            co_await git(gitArgs(QStringLiteral("-C"), repository, QStringLiteral("cat-file"),
                                 QStringLiteral("-e"), ref + QStringLiteral("^{commit}")));
        if (local.ok())
            co_return plan; // a commit never changes: nothing newer to fetch
    }
    // A local branch fetches from its upstream's remote; anything else from
    // origin, or from the only remote there is.
    const GitOutput upstream =
        co_await git(gitArgs(QStringLiteral("-C"), repository, QStringLiteral("config"),
                             QStringLiteral("--get"), QStringLiteral("branch.%1.remote").arg(ref)));
    if (upstream.ok() && names.contains(upstream.stdoutText()))
        plan.remote = upstream.stdoutText();
    else if (names.contains(QStringLiteral("origin")))
        plan.remote = QStringLiteral("origin");
    else if (names.size() == 1)
        plan.remote = names.constFirst();
    else
        plan.reason =
            QStringLiteral("the repository has several remotes and none is 'origin' or the upstream of "
                           "'%1'; not fetching")
                .arg(baseRef);
    plan.source = ref;
    co_return plan;
}

QString firstLine(const QString &text)
{
    return text.section(u'\n', 0, 0).trimmed();
}

} // namespace

WorkspaceManager::WorkspaceManager(QString root, QObject *parent)
    : QObject(parent)
    , m_root(QDir::cleanPath(QFileInfo(root).absoluteFilePath()))
{ }

bool WorkspaceManager::isValidRunId(const QString &runId)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(runId).hasMatch() && !runId.contains(QLatin1String(".."))
        && !runId.endsWith(QLatin1String(".lock")) && !runId.endsWith(u'.');
}

WorkspaceResult<Workspace> WorkspaceManager::load(const QString &runId) const
{
    if (!isValidRunId(runId))
        return error(WorkspaceErrorCode::InvalidRequest,
                     QStringLiteral("'%1' is not a valid run id").arg(runId));
    QFile file(m_root + u'/' + runId + u'/' + kMetadataFile);
    if (!file.open(QIODevice::ReadOnly))
        return error(WorkspaceErrorCode::NotFound,
                     QStringLiteral("run '%1' has no workspace under %2").arg(runId, m_root));
    const Workspace workspace = Workspace::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    if (workspace.runId != runId || workspace.gitDir.isEmpty())
        return error(
            WorkspaceErrorCode::Io,
            QStringLiteral("the metadata in %1 is damaged; remove that directory").arg(file.fileName()));
    return workspace;
}

QCoro::Task<WorkspaceResult<Workspace>> WorkspaceManager::create(WorkspaceRequest request)
{
    const QString root = m_root;
    const std::chrono::milliseconds fetchTimeout = m_fetchTimeout;

    if (!isValidRunId(request.runId))
        co_return error(
            WorkspaceErrorCode::InvalidRequest,
            QStringLiteral("run id '%1' cannot name a workspace: use 1-64 letters, digits, '.', '_' "
                           "or '-', starting with a letter or digit")
                .arg(request.runId));
    if (request.baseRef.startsWith(u'-') || request.baseRef.contains(QLatin1String("..")))
        co_return error(WorkspaceErrorCode::InvalidRequest,
                        QStringLiteral("base ref '%1' is not a ref name; give a branch, tag or commit")
                            .arg(request.baseRef));
    const QFileInfo sourceInfo(request.source);
    if (!sourceInfo.isDir())
        co_return error(WorkspaceErrorCode::SourceNotFound,
                        QStringLiteral("source '%1' is not an existing directory").arg(request.source));
    const QString source = sourceInfo.canonicalFilePath();
    if (!QDir().mkpath(root))
        co_return error(WorkspaceErrorCode::Io,
                        QStringLiteral("cannot create the workspace root %1").arg(root));
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    if (isInside(canonicalRoot, source) || isInside(source, canonicalRoot))
        co_return error(
            WorkspaceErrorCode::InvalidRequest,
            QStringLiteral("the workspace root %1 and the source %2 must not contain each other; move "
                           "the workspace root outside the repository")
                .arg(canonicalRoot, source));
    // Traversable, not listable: a sandbox running as another user reaches
    // its own tree but cannot see the other runs'.
    QFile::setPermissions(
        root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);

    Workspace workspace;
    workspace.runId = request.runId;
    workspace.directory = canonicalRoot + u'/' + request.runId;
    workspace.path = workspace.directory + QStringLiteral("/tree");
    workspace.branch = branchFor(request.runId);
    workspace.baseRef = request.baseRef;
    if (QFileInfo::exists(workspace.directory))
        co_return error(WorkspaceErrorCode::AlreadyExists,
                        QStringLiteral("a workspace for run '%1' already exists at %2; remove it first")
                            .arg(request.runId, workspace.directory));
    if (!QDir().mkpath(workspace.directory))
        co_return error(WorkspaceErrorCode::Io, QStringLiteral("cannot create %1").arg(workspace.directory));
    QFile::setPermissions(workspace.directory,
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup
                              | QFile::ExeOther);

    const GitOutput toplevel = co_await git(gitArgs(QStringLiteral("-C"), source, QStringLiteral("rev-parse"),
                                                    QStringLiteral("--show-toplevel")));

    if (!toplevel.ok()) {
        // A plain directory: copy it and give the copy a repository of its
        // own, kept outside the tree, with the copy as its first commit.
        workspace.kind = Workspace::Kind::CopiedDirectory;
        workspace.source = source;
        workspace.gitDir = workspace.directory + QStringLiteral("/git");
        workspace.resolvedRef = QStringLiteral("copy of %1").arg(source);
        if (!request.baseRef.isEmpty())
            workspace.notes.append(
                QStringLiteral("'%1' is not a git repository: base ref '%2' was ignored and its current "
                               "contents copied")
                    .arg(source, request.baseRef));
        bool copied = QDir().mkpath(workspace.path);
        if (copied)
            copied = co_await copyDirectory(source, workspace.path);
        if (!copied) {
            removeDirectory(workspace.directory);
            co_return error(WorkspaceErrorCode::Io,
                            QStringLiteral("cannot copy %1 into %2").arg(source, workspace.path));
        }
        const GitOutput init =
            co_await git(gitArgs(QStringLiteral("init"), QStringLiteral("--quiet"),
                                 QStringLiteral("--initial-branch=") + workspace.branch,
                                 QStringLiteral("--separate-git-dir=") + workspace.gitDir, workspace.path));
        if (!init.ok()) {
            removeDirectory(workspace.directory);
            co_return gitError(QStringLiteral("cannot create a repository for the copy of %1").arg(source),
                               init);
        }
        const GitOutput add = co_await git(
            treeGit(workspace, gitArgs(QStringLiteral("add"), QStringLiteral("-A"))), workspace.path);
        GitOutput head = add;
        if (add.ok()) {
            const QStringList commitArgs =
                treeGit(workspace,
                        gitArgs(QStringLiteral("-c"), QStringLiteral("user.name=Delegate"),
                                QStringLiteral("-c"), QStringLiteral("user.email=delegate@localhost"),
                                QStringLiteral("-c"), QStringLiteral("commit.gpgsign=false"),
                                QStringLiteral("commit"), QStringLiteral("--quiet"),
                                QStringLiteral("--no-verify"), QStringLiteral("--allow-empty"),
                                QStringLiteral("-m"), QStringLiteral("Base: copy of ") + source));
            head = co_await git(commitArgs, workspace.path);
        }
        if (head.ok()) {
            const QStringList revParse =
                treeGit(workspace, gitArgs(QStringLiteral("rev-parse"), QStringLiteral("HEAD")));
            head = co_await git(revParse, workspace.path);
        }
        if (!head.ok()) {
            removeDirectory(workspace.directory);
            co_return gitError(QStringLiteral("cannot record the base of the copy of %1").arg(source), head);
        }
        workspace.baseCommit = head.stdoutText();
        if (!writeMetadata(workspace)) {
            removeDirectory(workspace.directory);
            co_return error(WorkspaceErrorCode::Io,
                            QStringLiteral("cannot write %1/%2").arg(workspace.directory, kMetadataFile));
        }
        co_return workspace;
    }

    const QString repository = toplevel.stdoutText();
    workspace.kind = Workspace::Kind::GitWorktree;
    workspace.source = repository;
    const QString ref = request.baseRef.isEmpty() ? QStringLiteral("HEAD") : request.baseRef;
    const QString fetchedRef = QStringLiteral("refs/delegate/base/") + request.runId;

    bool fetched = false;
    if (request.fetch && !request.baseRef.isEmpty()) {
        const FetchPlan plan = co_await planFetch(repository, request.baseRef);
        if (!plan.reason.isEmpty())
            workspace.notes.append(plan.reason);
        if (!plan.remote.isEmpty()) {
            // Into Delegate's own ref only: --refmap= keeps the user's
            // remote-tracking branches where they are, and FETCH_HEAD untouched.
            const GitOutput fetch = co_await git(
                gitArgs(QStringLiteral("-C"), repository, QStringLiteral("fetch"), QStringLiteral("--quiet"),
                        QStringLiteral("--no-tags"), QStringLiteral("--no-write-fetch-head"),
                        QStringLiteral("--refmap="), plan.remote, u'+' + plan.source + u':' + fetchedRef),
                {}, {}, fetchTimeout);
            if (fetch.ok()) {
                fetched = true;
                workspace.resolvedRef = QStringLiteral("%1 from %2 (fetched)").arg(plan.source, plan.remote);
            } else {
                workspace.notes.append(
                    QStringLiteral("could not fetch '%1' from '%2' (%3); using the local '%4'")
                        .arg(plan.source, plan.remote, firstLine(fetch.errorText()), ref));
            }
        }
    }

    const GitOutput resolved = co_await git(
        gitArgs(QStringLiteral("-C"), repository, QStringLiteral("rev-parse"), QStringLiteral("--verify"),
                (fetched ? fetchedRef : ref) + QStringLiteral("^{commit}")));
    if (fetched)
        (void)co_await git(gitArgs(QStringLiteral("-C"), repository, QStringLiteral("update-ref"),
                                   QStringLiteral("-d"), fetchedRef));
    if (!resolved.ok()) {
        removeDirectory(workspace.directory);
        QString message =
            QStringLiteral("base ref '%1' is not a commit in %2 (%3); give an existing branch, tag or "
                           "commit")
                .arg(ref, repository, firstLine(resolved.errorText()));
        if (!workspace.notes.isEmpty())
            message += QStringLiteral("; ") + workspace.notes.join(QStringLiteral("; "));
        co_return error(WorkspaceErrorCode::BaseRefNotFound, message);
    }
    workspace.baseCommit = resolved.stdoutText();
    if (!fetched)
        workspace.resolvedRef = ref;

    // Written before the worktree exists, so that a crash in between still
    // leaves enough behind for collectOrphans to clean up.
    workspace.gitDir = QStringLiteral("(pending)");
    if (!writeMetadata(workspace)) {
        removeDirectory(workspace.directory);
        co_return error(WorkspaceErrorCode::Io,
                        QStringLiteral("cannot write %1/%2").arg(workspace.directory, kMetadataFile));
    }
    const GitOutput added =
        co_await git(gitArgs(QStringLiteral("-C"), repository, QStringLiteral("worktree"),
                             QStringLiteral("add"), QStringLiteral("--quiet"), QStringLiteral("-b"),
                             workspace.branch, workspace.path, workspace.baseCommit));
    if (!added.ok()) {
        removeDirectory(workspace.directory);
        if (added.errorText().contains(QLatin1String("already exists")))
            co_return error(
                WorkspaceErrorCode::AlreadyExists,
                QStringLiteral("cannot create the worktree for run '%1': %2. A run with this id left "
                               "its branch behind; delete it with 'git -C %3 branch -D %4' or let "
                               "Delegate collect orphaned workspaces")
                    .arg(request.runId, firstLine(added.errorText()), repository, workspace.branch));
        co_return gitError(
            QStringLiteral("cannot add a worktree of %1 at %2").arg(repository, workspace.path), added);
    }
    const GitOutput gitDir =
        co_await git(gitArgs(QStringLiteral("-C"), workspace.path, QStringLiteral("rev-parse"),
                             QStringLiteral("--absolute-git-dir")));
    if (!gitDir.ok()) {
        co_return gitError(
            QStringLiteral("cannot find the git directory of the new worktree %1").arg(workspace.path),
            gitDir);
    }
    workspace.gitDir = gitDir.stdoutText();
    if (!writeMetadata(workspace))
        co_return error(WorkspaceErrorCode::Io,
                        QStringLiteral("cannot write %1/%2").arg(workspace.directory, kMetadataFile));
    co_return workspace;
}

QCoro::Task<WorkspaceResult<WorkspacePatch>> WorkspaceManager::collectPatch(Workspace workspace)
{
    if (!QFileInfo(workspace.path).isDir())
        co_return error(
            WorkspaceErrorCode::NotFound,
            QStringLiteral("the workspace tree %1 of run '%2' is gone").arg(workspace.path, workspace.runId));
    // A throwaway index: the base tree, then everything in the worktree on
    // top, so new and deleted files count while ignored ones stay out.
    const QString index = workspace.directory + QStringLiteral("/patch.index");
    QFile::remove(index);
    const QMap<QString, QString> env { { QStringLiteral("GIT_INDEX_FILE"), index } };
    const GitOutput readTree = co_await git(
        treeGit(workspace, gitArgs(QStringLiteral("read-tree"), workspace.baseCommit)), workspace.path, env);
    if (!readTree.ok())
        co_return gitError(QStringLiteral("cannot read base commit %1 of run '%2'")
                               .arg(workspace.baseCommit, workspace.runId),
                           readTree);
    const GitOutput add = co_await git(
        treeGit(workspace, gitArgs(QStringLiteral("add"), QStringLiteral("-A"))), workspace.path, env);
    if (!add.ok()) {
        QFile::remove(index);
        co_return gitError(QStringLiteral("cannot stage the changes of run '%1'").arg(workspace.runId), add);
    }
    const QStringList diffBase = gitArgs(QStringLiteral("diff"), QStringLiteral("--cached"),
                                         QStringLiteral("-M"), QStringLiteral("--no-color"),
                                         QStringLiteral("--no-ext-diff"), QStringLiteral("--no-textconv"));
    const GitOutput diff =
        co_await git(treeGit(workspace,
                             diffBase
                                 + gitArgs(QStringLiteral("--binary"), QStringLiteral("--src-prefix=a/"),
                                           QStringLiteral("--dst-prefix=b/"), workspace.baseCommit)),
                     workspace.path, env);
    const GitOutput numstat = co_await git(
        treeGit(workspace,
                diffBase + gitArgs(QStringLiteral("--numstat"), QStringLiteral("-z"), workspace.baseCommit)),
        workspace.path, env);
    const GitOutput status = co_await git(
        treeGit(workspace,
                diffBase
                    + gitArgs(QStringLiteral("--name-status"), QStringLiteral("-z"), workspace.baseCommit)),
        workspace.path, env);
    QFile::remove(index);
    for (const GitOutput *output : { &diff, &numstat, &status }) {
        if (!output->ok())
            co_return gitError(
                QStringLiteral("cannot diff run '%1' against %2").arg(workspace.runId, workspace.baseCommit),
                *output);
    }
    WorkspacePatch patch;
    patch.baseCommit = workspace.baseCommit;
    patch.diff = diff.out;
    patch.files = PatchStats::parse(numstat.out, status.out);
    for (const PatchFileStat &file : std::as_const(patch.files)) {
        patch.insertions += file.added;
        patch.deletions += file.removed;
    }
    co_return patch;
}

QCoro::Task<WorkspaceResult<void>> WorkspaceManager::remove(Workspace workspace, bool keepBranch)
{
    if (workspace.kind == Workspace::Kind::GitWorktree && QFileInfo(workspace.source).isDir()) {
        makeRemovable(workspace.path);
        if (QFileInfo(workspace.path).isDir() && workspace.gitDir.startsWith(u'/')) {
            // Whatever the sandbox wrote there, the .git file points back at
            // this worktree's own git directory before git looks at it.
            QFile dotGit(workspace.path + QStringLiteral("/.git"));
            if (dotGit.open(QIODevice::WriteOnly | QIODevice::Truncate))
                dotGit.write("gitdir: " + QFile::encodeName(workspace.gitDir) + '\n');
        }
        const GitOutput removed = co_await git(gitArgs(
            QStringLiteral("-C"), workspace.source, QStringLiteral("worktree"), QStringLiteral("remove"),
            QStringLiteral("--force"), QStringLiteral("--force"), workspace.path));
        if (!removed.ok()) {
            if (!removeDirectory(workspace.path))
                co_return error(WorkspaceErrorCode::Io,
                                QStringLiteral("cannot remove the worktree %1 (%2)")
                                    .arg(workspace.path, firstLine(removed.errorText())));
            (void)co_await git(gitArgs(QStringLiteral("-C"), workspace.source, QStringLiteral("worktree"),
                                       QStringLiteral("prune")));
        }
        if (!keepBranch) {
            const GitOutput branch =
                co_await git(gitArgs(QStringLiteral("-C"), workspace.source, QStringLiteral("branch"),
                                     QStringLiteral("-D"), QStringLiteral("--quiet"), workspace.branch));
            if (!branch.ok() && !branch.errorText().contains(QLatin1String("not found")))
                co_return gitError(
                    QStringLiteral("cannot delete branch %1 in %2").arg(workspace.branch, workspace.source),
                    branch);
        }
    }
    if (!removeDirectory(workspace.directory))
        co_return error(WorkspaceErrorCode::Io, QStringLiteral("cannot remove %1").arg(workspace.directory));
    co_return WorkspaceResult<void> {};
}

QCoro::Task<WorkspaceResult<OrphanReport>> WorkspaceManager::collectOrphans(QStringList knownRunIds)
{
    const QString root = m_root;
    OrphanReport report;
    if (!QFileInfo(root).isDir())
        co_return report;
    const QStringList entries =
        QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks | QDir::Hidden);
    QStringList repositories;
    for (const QString &runId : entries) {
        if (knownRunIds.contains(runId))
            continue;
        if (!isValidRunId(runId)) {
            report.notes.append(QStringLiteral("left %1/%2 alone: not a run directory").arg(root, runId));
            continue;
        }
        QFile metadata(root + u'/' + runId + u'/' + kMetadataFile);
        Workspace workspace;
        if (metadata.open(QIODevice::ReadOnly))
            workspace = Workspace::fromJson(QJsonDocument::fromJson(metadata.readAll()).object());
        metadata.close();
        workspace.runId = runId;
        workspace.directory = root + u'/' + runId;
        workspace.path = workspace.directory + QStringLiteral("/tree");

        if (workspace.kind == Workspace::Kind::GitWorktree && QFileInfo(workspace.source).isDir()) {
            if (!repositories.contains(workspace.source))
                repositories.append(workspace.source);
            removeDirectory(workspace.path);
            // Only a branch still at its base goes: anything committed on it
            // is someone's work.
            if (!workspace.branch.isEmpty() && !workspace.baseCommit.isEmpty()) {
                const GitOutput deleted = co_await git(
                    gitArgs(QStringLiteral("-C"), workspace.source, QStringLiteral("update-ref"),
                            QStringLiteral("-d"), QStringLiteral("refs/heads/") + workspace.branch,
                            workspace.baseCommit));
                if (!deleted.ok())
                    report.notes.append(QStringLiteral("kept branch %1 in %2: it moved past base commit %3")
                                            .arg(workspace.branch, workspace.source, workspace.baseCommit));
            }
        } else if (workspace.source.isEmpty()) {
            report.notes.append(QStringLiteral("%1 had no readable metadata; removed the directory only")
                                    .arg(workspace.directory));
        }
        if (!removeDirectory(workspace.directory)) {
            report.notes.append(QStringLiteral("could not remove %1").arg(workspace.directory));
            continue;
        }
        report.removedRunIds.append(runId);
    }
    // The worktrees' git directories point at trees that are gone now.
    for (const QString &repository : std::as_const(repositories)) {
        const GitOutput pruned = co_await git(
            gitArgs(QStringLiteral("-C"), repository, QStringLiteral("worktree"), QStringLiteral("prune")));
        if (!pruned.ok())
            report.notes.append(QStringLiteral("git worktree prune failed in %1: %2")
                                    .arg(repository, firstLine(pruned.errorText())));
    }
    co_return report;
}

} // namespace delegate
