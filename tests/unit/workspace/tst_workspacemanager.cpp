// SPDX-License-Identifier: GPL-3.0-or-later
// Run workspaces against real git: worktrees from the right base, fetched
// first, patches that apply, orphans collected, and the user's own checkout
// never touched.
#include "sandbox/localsandbox.h"
#include "sandbox/treeownership.h"
#include "workspace/workspacemanager.h"

#include <QCoro/QCoroTask>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace delegate {

namespace {

struct Git
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString text() const { return QString::fromUtf8(out).trimmed(); }
};

Git git(const QString &directory, const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_OPTIONAL_LOCKS"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Test"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("test@example.invalid"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Test"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("test@example.invalid"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("git"), QStringList { QStringLiteral("-C"), directory } + arguments);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return Git { process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError() };
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(contents);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

QByteArray binaryBlob(char seed)
{
    QByteArray blob;
    for (int i = 0; i < 3000; ++i)
        blob.append(char((i * 7 + seed) % 256));
    blob[10] = '\0';
    return blob;
}

// Every file below a directory (relative path -> contents), .git excluded.
QMap<QString, QByteArray> treeContents(const QString &root)
{
    QMap<QString, QByteArray> contents;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        if (relative == QLatin1String(".git") || relative.startsWith(QLatin1String(".git/")))
            continue;
        contents.insert(relative, readFile(path));
    }
    return contents;
}

// What the user sees of their own checkout.
struct Checkout
{
    QString head;
    QString symbolicHead;
    QByteArray status;
    QByteArray index;
    QByteArray refs;
    QMap<QString, QByteArray> files;

    bool operator==(const Checkout &) const = default;
};

Checkout snapshot(const QString &repo)
{
    Checkout checkout;
    checkout.head = git(repo, { QStringLiteral("rev-parse"), QStringLiteral("HEAD") }).text();
    checkout.symbolicHead = git(repo, { QStringLiteral("symbolic-ref"), QStringLiteral("HEAD") }).text();
    checkout.status = git(repo,
                          { QStringLiteral("status"), QStringLiteral("--porcelain=v2"),
                            QStringLiteral("--branch"), QStringLiteral("--untracked-files=all") })
                          .out;
    checkout.index =
        QCryptographicHash::hash(readFile(repo + QStringLiteral("/.git/index")), QCryptographicHash::Sha256);
    // Delegate adds refs/heads/delegate/*; everything else must stay.
    const QList<QByteArray> refs =
        git(repo, { QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname) %(objectname)") })
            .out.split('\n');
    for (const QByteArray &line : refs) {
        if (!line.startsWith("refs/heads/delegate/") && !line.startsWith("refs/delegate/"))
            checkout.refs += line + '\n';
    }
    checkout.files = treeContents(repo);
    return checkout;
}

} // namespace

class TestWorkspaceManager : public QObject
{
    Q_OBJECT

private:
    // A repository with history on two branches and uncommitted work of
    // the user's own: modified, staged and untracked files.
    QString makeRepository(const QString &name)
    {
        const QString repo = m_dir->filePath(name);
        QDir().mkpath(repo);
        git(repo,
            { QStringLiteral("init"), QStringLiteral("--quiet"), QStringLiteral("--initial-branch=main") });
        writeFile(repo + QStringLiteral("/README.md"), "# project\n");
        writeFile(repo + QStringLiteral("/src/a.txt"), "one\ntwo\nthree\n");
        writeFile(repo + QStringLiteral("/old.txt"), "to be deleted\n");
        writeFile(repo + QStringLiteral("/move-me.txt"),
                  "a file long enough that a rename is recognised as one\nline two\nline three\n");
        writeFile(repo + QStringLiteral("/data/blob.bin"), binaryBlob(1));
        writeFile(repo + QStringLiteral("/.gitignore"), "*.log\n");
        git(repo, { QStringLiteral("add"), QStringLiteral("-A") });
        // Tracked although ignored: must not show up as deleted in a patch.
        writeFile(repo + QStringLiteral("/vendor.log"), "tracked on purpose\n");
        git(repo, { QStringLiteral("add"), QStringLiteral("--force"), QStringLiteral("vendor.log") });
        git(repo,
            { QStringLiteral("commit"), QStringLiteral("--quiet"), QStringLiteral("-m"),
              QStringLiteral("base") });
        git(repo,
            { QStringLiteral("checkout"), QStringLiteral("--quiet"), QStringLiteral("-b"),
              QStringLiteral("feature") });
        writeFile(repo + QStringLiteral("/src/a.txt"), "one\nTWO (feature)\nthree\n");
        git(repo,
            { QStringLiteral("commit"), QStringLiteral("--quiet"), QStringLiteral("-am"),
              QStringLiteral("feature") });
        git(repo, { QStringLiteral("checkout"), QStringLiteral("--quiet"), QStringLiteral("main") });
        writeFile(repo + QStringLiteral("/main-only.txt"), "main\n");
        git(repo, { QStringLiteral("add"), QStringLiteral("main-only.txt") });
        git(repo,
            { QStringLiteral("commit"), QStringLiteral("--quiet"), QStringLiteral("-m"),
              QStringLiteral("main tip") });
        writeFile(repo + QStringLiteral("/README.md"), "# project\nuser's unsaved edit\n");
        writeFile(repo + QStringLiteral("/staged.txt"), "staged by the user\n");
        git(repo, { QStringLiteral("add"), QStringLiteral("staged.txt") });
        writeFile(repo + QStringLiteral("/untracked.txt"), "the user's scratch file\n");
        return repo;
    }

    QString commitOf(const QString &repo, const QString &ref)
    {
        return git(repo, { QStringLiteral("rev-parse"), ref + QStringLiteral("^{commit}") }).text();
    }

    WorkspaceResult<Workspace> create(const QString &runId, const QString &source, const QString &baseRef,
                                      bool fetch = true)
    {
        WorkspaceRequest request;
        request.runId = runId;
        request.source = source;
        request.baseRef = baseRef;
        request.fetch = fetch;
        return QCoro::waitFor(m_manager->create(request));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceManager> m_manager;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        // Traversable, so that a sandbox running as another uid reaches trees.
        ::chmod(QFile::encodeName(m_dir->path()).constData(), 0711);
        m_manager = std::make_unique<WorkspaceManager>(m_dir->filePath(QStringLiteral("workspaces")));
    }

    void cleanup()
    {
        m_manager.reset();
        m_dir.reset();
    }

    void baseRefIsHonoured_data()
    {
        QTest::addColumn<QString>("baseRef");
        QTest::addColumn<QString>("expectedRef");
        QTest::addRow("branch") << QStringLiteral("feature") << QStringLiteral("feature");
        QTest::addRow("commit") << QStringLiteral("main~1") << QStringLiteral("main~1");
        QTest::addRow("head") << QString() << QStringLiteral("HEAD");
    }

    void baseRefIsHonoured()
    {
        QFETCH(QString, baseRef);
        QFETCH(QString, expectedRef);
        const QString repo = makeRepository(QStringLiteral("repo"));
        const Checkout before = snapshot(repo);

        const auto created = create(QStringLiteral("run-1"), repo + QStringLiteral("/src"), baseRef);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        const Workspace &workspace = created.value();
        QCOMPARE(workspace.kind, Workspace::Kind::GitWorktree);
        QCOMPARE(workspace.source, repo);
        QCOMPARE(workspace.baseCommit, commitOf(repo, expectedRef));
        QCOMPARE(workspace.branch, QStringLiteral("delegate/run-1"));
        QCOMPARE(commitOf(repo, QStringLiteral("delegate/run-1")), workspace.baseCommit);
        QVERIFY(!workspace.path.startsWith(repo + u'/'));
        QVERIFY(workspace.gitDir.startsWith(repo + QStringLiteral("/.git/worktrees/")));
        const QByteArray expectedA =
            git(repo, { QStringLiteral("show"), expectedRef + QStringLiteral(":src/a.txt") }).out;
        QCOMPARE(readFile(workspace.path + QStringLiteral("/src/a.txt")), expectedA);
        QVERIFY(!QFileInfo::exists(workspace.path + QStringLiteral("/untracked.txt")));
        QVERIFY(!QFileInfo::exists(workspace.path + QStringLiteral("/staged.txt")));

        const auto loaded = m_manager->load(QStringLiteral("run-1"));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().baseCommit, workspace.baseCommit);
        QVERIFY(snapshot(repo) == before);
    }

    void fetchesFromTheRemoteFirst_data()
    {
        QTest::addColumn<QString>("baseRef");
        QTest::addRow("branch name") << QStringLiteral("main");
        QTest::addRow("remote-tracking name") << QStringLiteral("origin/main");
    }

    void fetchesFromTheRemoteFirst()
    {
        QFETCH(QString, baseRef);
        const QString repo = makeRepository(QStringLiteral("repo"));
        const QString remote = m_dir->filePath(QStringLiteral("remote.git"));
        QCOMPARE(git(m_dir->path(),
                     { QStringLiteral("clone"), QStringLiteral("--quiet"), QStringLiteral("--bare"), repo,
                       remote })
                     .exitCode,
                 0);
        git(repo, { QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), remote });
        git(repo, { QStringLiteral("fetch"), QStringLiteral("--quiet"), QStringLiteral("origin") });
        // Someone else pushes: the user's main and origin/main are now behind.
        const QString other = m_dir->filePath(QStringLiteral("other"));
        git(m_dir->path(), { QStringLiteral("clone"), QStringLiteral("--quiet"), remote, other });
        writeFile(other + QStringLiteral("/upstream.txt"), "pushed by a colleague\n");
        git(other, { QStringLiteral("add"), QStringLiteral("upstream.txt") });
        git(other,
            { QStringLiteral("commit"), QStringLiteral("--quiet"), QStringLiteral("-m"),
              QStringLiteral("upstream") });
        QCOMPARE(git(other,
                     { QStringLiteral("push"), QStringLiteral("--quiet"), QStringLiteral("origin"),
                       QStringLiteral("main") })
                     .exitCode,
                 0);
        const QString upstream = commitOf(other, QStringLiteral("HEAD"));
        QVERIFY(upstream != commitOf(repo, QStringLiteral("main")));
        const Checkout before = snapshot(repo);
        const QByteArray fetchHead = readFile(repo + QStringLiteral("/.git/FETCH_HEAD"));

        const auto created = create(QStringLiteral("run-fetch"), repo, baseRef);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QCOMPARE(created.value().baseCommit, upstream);
        QVERIFY2(created.value().resolvedRef.contains(QLatin1String("fetched")),
                 qPrintable(created.value().resolvedRef));
        QVERIFY(QFileInfo::exists(created.value().path + QStringLiteral("/upstream.txt")));
        // The user's remote-tracking branch, FETCH_HEAD and the rest stay.
        QVERIFY(snapshot(repo) == before);
        QCOMPARE(readFile(repo + QStringLiteral("/.git/FETCH_HEAD")), fetchHead);
        QVERIFY(
            git(repo, { QStringLiteral("for-each-ref"), QStringLiteral("refs/delegate/") }).out.isEmpty());
    }

    void offlineFetchFallsBackToTheLocalRef()
    {
        const QString repo = makeRepository(QStringLiteral("repo"));
        git(repo,
            { QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
              m_dir->filePath(QStringLiteral("unreachable.git")) });
        const auto created = create(QStringLiteral("run-offline"), repo, QStringLiteral("feature"));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QCOMPARE(created.value().baseCommit, commitOf(repo, QStringLiteral("feature")));
        QCOMPARE(created.value().notes.size(), 1);
        QVERIFY2(created.value().notes.constFirst().contains(
                     QLatin1String("could not fetch 'feature' from 'origin'")),
                 qPrintable(created.value().notes.constFirst()));
    }

    void missingBaseRefIsExplained()
    {
        const QString repo = makeRepository(QStringLiteral("repo"));
        const auto created = create(QStringLiteral("run-missing"), repo, QStringLiteral("no-such-branch"));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, WorkspaceErrorCode::BaseRefNotFound);
        QVERIFY(created.error().message.contains(QLatin1String("no-such-branch")));
        QVERIFY(created.error().message.contains(repo));
        QVERIFY2(created.error().message.contains(QLatin1String("fatal:")),
                 qPrintable(created.error().message));
        QVERIFY(!QFileInfo::exists(m_manager->root() + QStringLiteral("/run-missing")));
    }

    void invalidRequestsAreRejected_data()
    {
        QTest::addColumn<QString>("runId");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("code");
        QTest::addRow("slash in id") << QStringLiteral("a/b") << QStringLiteral("repo")
                                     << int(WorkspaceErrorCode::InvalidRequest);
        QTest::addRow("dotdot id") << QStringLiteral("a..b") << QStringLiteral("repo")
                                   << int(WorkspaceErrorCode::InvalidRequest);
        QTest::addRow("missing source")
            << QStringLiteral("run") << QStringLiteral("nope") << int(WorkspaceErrorCode::SourceNotFound);
    }

    void invalidRequestsAreRejected()
    {
        QFETCH(QString, runId);
        QFETCH(QString, source);
        QFETCH(int, code);
        makeRepository(QStringLiteral("repo"));
        const auto created = create(runId, m_dir->filePath(source), QString());
        QVERIFY(!created.ok());
        QCOMPARE(int(created.error().code), code);
    }

    void patchCarriesEveryKindOfChange()
    {
        const QString repo = makeRepository(QStringLiteral("repo"));
        const Checkout before = snapshot(repo);
        const auto created = create(QStringLiteral("run-patch"), repo, QStringLiteral("main"));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        Workspace workspace = created.value();
        const QString tree = workspace.path;

        writeFile(tree + QStringLiteral("/src/a.txt"), "one\ntwo\nthree\nfour\n");
        QVERIFY(QFile::remove(tree + QStringLiteral("/old.txt")));
        QVERIFY(QFile::rename(tree + QStringLiteral("/move-me.txt"), tree + QStringLiteral("/moved.txt")));
        writeFile(tree + QStringLiteral("/new/untracked.txt"), "brand new\n");
        writeFile(tree + QStringLiteral("/data/blob.bin"), binaryBlob(2));
        writeFile(tree + QStringLiteral("/new.bin"), binaryBlob(3));
        writeFile(tree + QStringLiteral("/build.log"), "ignored by the repository\n");
        // What a sandboxed command could do to mislead the engine's git.
        writeFile(tree + QStringLiteral("/.git"), "gitdir: /nonexistent\n");
        if (::geteuid() == 0) {
            // As the sandbox leaves it when the engine is root.
            const auto handed = TreeOwnership::handOver(tree, 0, 65533, 65533);
            QVERIFY(handed.ok());
        }

        const auto collected = QCoro::waitFor(m_manager->collectPatch(workspace));
        QVERIFY2(collected.ok(), collected.ok() ? "" : qPrintable(collected.error().message));
        const WorkspacePatch &patch = collected.value();
        QCOMPARE(patch.baseCommit, workspace.baseCommit);
        QMap<QString, PatchFileStat> byPath;
        for (const PatchFileStat &file : patch.files)
            byPath.insert(file.path, file);
        QCOMPARE(byPath.keys(),
                 (QStringList { QStringLiteral("data/blob.bin"), QStringLiteral("moved.txt"),
                                QStringLiteral("new.bin"), QStringLiteral("new/untracked.txt"),
                                QStringLiteral("old.txt"), QStringLiteral("src/a.txt") }));
        QCOMPARE(byPath[QStringLiteral("src/a.txt")].status, QChar(u'M'));
        QCOMPARE(byPath[QStringLiteral("src/a.txt")].added, 1);
        QCOMPARE(byPath[QStringLiteral("src/a.txt")].removed, 0);
        QCOMPARE(byPath[QStringLiteral("old.txt")].status, QChar(u'D'));
        QCOMPARE(byPath[QStringLiteral("old.txt")].removed, 1);
        QCOMPARE(byPath[QStringLiteral("moved.txt")].status, QChar(u'R'));
        QCOMPARE(byPath[QStringLiteral("moved.txt")].oldPath, QStringLiteral("move-me.txt"));
        QCOMPARE(byPath[QStringLiteral("new/untracked.txt")].status, QChar(u'A'));
        QCOMPARE(byPath[QStringLiteral("new/untracked.txt")].added, 1);
        QVERIFY(byPath[QStringLiteral("data/blob.bin")].binary);
        QCOMPARE(byPath[QStringLiteral("data/blob.bin")].status, QChar(u'M'));
        QVERIFY(byPath[QStringLiteral("new.bin")].binary);
        QCOMPARE(byPath[QStringLiteral("new.bin")].status, QChar(u'A'));
        QCOMPARE(patch.insertions, 2);
        QCOMPARE(patch.deletions, 1);
        QVERIFY(patch.diff.contains("GIT binary patch"));

        // The patch applies to a fresh clone at the base and reproduces the tree.
        const QString fresh = m_dir->filePath(QStringLiteral("fresh"));
        git(m_dir->path(), { QStringLiteral("clone"), QStringLiteral("--quiet"), repo, fresh });
        git(fresh,
            { QStringLiteral("checkout"), QStringLiteral("--quiet"), QStringLiteral("--detach"),
              patch.baseCommit });
        const Git check = git(
            fresh, { QStringLiteral("apply"), QStringLiteral("--check"), QStringLiteral("-") }, patch.diff);
        QVERIFY2(check.exitCode == 0, check.err.constData());
        QCOMPARE(git(fresh, { QStringLiteral("apply"), QStringLiteral("-") }, patch.diff).exitCode, 0);
        QMap<QString, QByteArray> expected = treeContents(tree);
        expected.remove(QStringLiteral("build.log"));
        QCOMPARE(treeContents(fresh), expected);

        QVERIFY(snapshot(repo) == before);
    }

    void emptyPatchWhenNothingChanged()
    {
        const QString repo = makeRepository(QStringLiteral("repo"));
        const auto created = create(QStringLiteral("run-empty"), repo, QStringLiteral("main"));
        QVERIFY(created.ok());
        const auto collected = QCoro::waitFor(m_manager->collectPatch(created.value()));
        QVERIFY(collected.ok());
        QVERIFY(collected.value().isEmpty());
        QVERIFY(collected.value().diff.isEmpty());
    }

    void plainDirectoryIsCopiedAndDiffed()
    {
        const QString plain = m_dir->filePath(QStringLiteral("plain"));
        writeFile(plain + QStringLiteral("/notes.txt"), "first\n");
        writeFile(plain + QStringLiteral("/remove.txt"), "bye\n");
        writeFile(plain + QStringLiteral("/bin/data.bin"), binaryBlob(4));
        const QMap<QString, QByteArray> original = treeContents(plain);

        const auto created = create(QStringLiteral("run-plain"), plain, QString());
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        const Workspace &workspace = created.value();
        QCOMPARE(workspace.kind, Workspace::Kind::CopiedDirectory);
        QVERIFY(!workspace.baseCommit.isEmpty());
        QVERIFY(!QFileInfo::exists(plain + QStringLiteral("/.git")));
        QVERIFY(!workspace.gitDir.startsWith(workspace.path));

        writeFile(workspace.path + QStringLiteral("/notes.txt"), "first\nsecond\n");
        QVERIFY(QFile::remove(workspace.path + QStringLiteral("/remove.txt")));
        writeFile(workspace.path + QStringLiteral("/bin/data.bin"), binaryBlob(5));
        writeFile(workspace.path + QStringLiteral("/added.txt"), "added\n");
        const auto collected = QCoro::waitFor(m_manager->collectPatch(workspace));
        QVERIFY2(collected.ok(), collected.ok() ? "" : qPrintable(collected.error().message));
        QCOMPARE(collected.value().files.size(), 4);

        // git apply works on a plain directory too: the copy of the original
        // ends up equal to the workspace.
        const QString target = m_dir->filePath(QStringLiteral("target"));
        QCOMPARE(QProcess::execute(QStringLiteral("cp"), { QStringLiteral("-a"), plain, target }), 0);
        const Git applied =
            git(target, { QStringLiteral("apply"), QStringLiteral("--binary"), QStringLiteral("-") },
                collected.value().diff);
        QVERIFY2(applied.exitCode == 0, applied.err.constData());
        QCOMPARE(treeContents(target), treeContents(workspace.path));
        QCOMPARE(treeContents(plain), original);
    }

    void removeDeletesTreeAndBranch_data()
    {
        QTest::addColumn<bool>("keepBranch");
        QTest::addRow("delete branch") << false;
        QTest::addRow("keep branch") << true;
    }

    void removeDeletesTreeAndBranch()
    {
        QFETCH(bool, keepBranch);
        const QString repo = makeRepository(QStringLiteral("repo"));
        const Checkout before = snapshot(repo);
        const auto created = create(QStringLiteral("run-remove"), repo, QStringLiteral("feature"));
        QVERIFY(created.ok());
        writeFile(created.value().path + QStringLiteral("/scratch.txt"), "work\n");
        const auto removed = QCoro::waitFor(m_manager->remove(created.value(), keepBranch));
        QVERIFY2(removed.ok(), removed.ok() ? "" : qPrintable(removed.error().message));
        QVERIFY(!QFileInfo::exists(created.value().directory));
        QVERIFY(
            !git(repo, { QStringLiteral("worktree"), QStringLiteral("list") }).out.contains("run-remove"));
        const bool branchExists =
            git(repo,
                { QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                  QStringLiteral("refs/heads/delegate/run-remove") })
                .exitCode
            == 0;
        QCOMPARE(branchExists, keepBranch);
        QVERIFY(snapshot(repo) == before);
    }

    void orphansAreCollected()
    {
        const QString repo = makeRepository(QStringLiteral("repo"));
        const Checkout before = snapshot(repo);
        for (const char *id : { "keep", "crashed", "worked-on" })
            QVERIFY(create(QString::fromLatin1(id), repo, QStringLiteral("main")).ok());
        // A branch that moved past its base holds someone's work.
        git(repo,
            { QStringLiteral("update-ref"), QStringLiteral("refs/heads/delegate/worked-on"),
              commitOf(repo, QStringLiteral("feature")) });
        QDir().mkpath(m_manager->root() + QStringLiteral("/half-made/tree"));

        const auto collected = QCoro::waitFor(m_manager->collectOrphans({ QStringLiteral("keep") }));
        QVERIFY(collected.ok());
        QStringList removed = collected.value().removedRunIds;
        removed.sort();
        QCOMPARE(removed,
                 (QStringList { QStringLiteral("crashed"), QStringLiteral("half-made"),
                                QStringLiteral("worked-on") }));
        QVERIFY(QFileInfo::exists(m_manager->root() + QStringLiteral("/keep/tree/README.md")));
        QVERIFY(!QFileInfo::exists(m_manager->root() + QStringLiteral("/crashed")));
        const QByteArray worktrees = git(repo, { QStringLiteral("worktree"), QStringLiteral("list") }).out;
        QVERIFY(worktrees.contains("keep"));
        QVERIFY(!worktrees.contains("crashed"));
        QVERIFY(!worktrees.contains("worked-on"));
        const QByteArray branches =
            git(repo, { QStringLiteral("branch"), QStringLiteral("--list"), QStringLiteral("delegate/*") })
                .out;
        QVERIFY(branches.contains("delegate/keep"));
        QVERIFY(!branches.contains("delegate/crashed"));
        QVERIFY(branches.contains("delegate/worked-on"));
        QVERIFY(
            collected.value().notes.join(u'\n').contains(QLatin1String("kept branch delegate/worked-on")));
        QVERIFY(snapshot(repo) == before);
    }

    // The whole path: a sandboxed command changes the worktree, the engine
    // collects the patch.
    void patchOfASandboxedCommand()
    {
        const QString repo = makeRepository(QStringLiteral("repo"));
        const auto created = create(QStringLiteral("run-sandboxed"), repo, QStringLiteral("main"));
        QVERIFY(created.ok());
        LocalSandbox sandbox;
        auto prepared = QCoro::waitFor(sandbox.prepare(SandboxPolicy::forWorkspace(created.value().path)));
        QVERIFY2(prepared.ok(), prepared.ok() ? "" : qPrintable(prepared.error().message));
        auto session = prepared.takeValue();
        ExecRequest request;
        request.argv = { QStringLiteral("sh"), QStringLiteral("-c"),
                         QStringLiteral("echo four >> src/a.txt && rm old.txt && echo made > made.txt && "
                                        "! git status 2>/dev/null") };
        const ExecResult result = QCoro::waitFor(session->exec(request));
        QVERIFY2(result.succeeded(), result.stderrData.constData());
        QCoro::waitFor(session->teardown());
        const auto collected = QCoro::waitFor(m_manager->collectPatch(created.value()));
        QVERIFY(collected.ok());
        QStringList paths;
        for (const PatchFileStat &file : collected.value().files)
            paths.append(file.path + u' ' + file.status);
        QCOMPARE(paths,
                 (QStringList { QStringLiteral("made.txt A"), QStringLiteral("old.txt D"),
                                QStringLiteral("src/a.txt M") }));
        QVERIFY(QCoro::waitFor(m_manager->remove(created.value())).ok());
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestWorkspaceManager)
#include "tst_workspacemanager.moc"
