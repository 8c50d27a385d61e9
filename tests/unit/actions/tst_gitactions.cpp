// SPDX-License-Identifier: GPL-3.0-or-later
// git.branch and git.push against real git: the branch gets exactly the
// approved patch on top of the base commit, a bare repository receives it,
// and the user's own checkout never changes.
#include "engine/actions/actionexecutor.h"
#include "engine/actions/memorysecretsource.h"
#include "gittestsupport.h"
#include "workspace/workspacemanager.h"

#include <QCoro/QCoroTask>
#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate::testing;

namespace delegate {

class TestGitActions final : public QObject
{
    Q_OBJECT

private:
    static constexpr QLatin1StringView runId { "run-42" };

    std::unique_ptr<QTemporaryDir> m_configDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceManager> m_manager;
    MemorySecretSource m_secrets;
    std::unique_ptr<ActionExecutor> m_executor;
    QString m_repository;
    Workspace m_workspace;
    PatchContent m_patch;

    // A repository with a base commit and the user's uncommitted work on top:
    // a modified file, a staged file and an untracked one.
    QString makeRepository()
    {
        const QString repository = m_dir->filePath(u"repository"_s);
        QDir().mkpath(repository);
        git(repository, { u"init"_s, u"--quiet"_s, u"--initial-branch=main"_s });
        writeFile(repository + u"/README.md"_s, "# project\n");
        writeFile(repository + u"/src/parser.c"_s, "int parse(void)\n{\n    return 0;\n}\n");
        writeFile(repository + u"/old.txt"_s, "to be deleted\n");
        writeFile(repository + u"/data/blob.bin"_s, binaryBlob(1));
        git(repository, { u"add"_s, u"-A"_s });
        git(repository, { u"commit"_s, u"--quiet"_s, u"-m"_s, u"base"_s });
        writeFile(repository + u"/README.md"_s, "# project\nthe user's unsaved edit\n");
        writeFile(repository + u"/staged.txt"_s, "staged by the user\n");
        git(repository, { u"add"_s, u"staged.txt"_s });
        writeFile(repository + u"/scratch.txt"_s, "the user's scratch file\n");
        return repository;
    }

    // The run's changes: modified, deleted, new, binary changed, binary new.
    void changeTree(const QString &tree)
    {
        writeFile(tree + u"/src/parser.c"_s, "int parse(void)\n{\n    return 1; /* fixed */\n}\n");
        QFile::remove(tree + u"/old.txt"_s);
        writeFile(tree + u"/notes/new.txt"_s, "a new file\n");
        writeFile(tree + u"/data/blob.bin"_s, binaryBlob(2));
        writeFile(tree + u"/data/new.bin"_s, binaryBlob(3, 500));
    }

    ActionRequest requestFor(ActionKind kind, QJsonObject parameters = {}) const
    {
        ActionRequest request;
        request.runId = QString(runId);
        request.kind = kind;
        request.parameters = parameters;
        request.artifact.runId = QString(runId);
        request.artifact.version = 2;
        request.artifact.summary = u"Make the parser return success. The old file is gone and two data files "
                                   u"change."_s;
        request.artifact.content = m_patch;
        request.workspace = m_workspace;
        return request;
    }

    ActionPreview preview(const ActionRequest &request)
    {
        return QCoro::waitFor(m_executor->preview(request));
    }
    ActionResult execute(const ActionRequest &request)
    {
        return QCoro::waitFor(m_executor->execute(request));
    }

    QString branchTip() const
    {
        return git(m_repository,
                   { u"rev-parse"_s, u"--verify"_s, u"--quiet"_s, u"refs/heads/delegate/run-42"_s })
            .text();
    }

    QByteArray looseObjects() const { return git(m_repository, { u"count-objects"_s }).out; }

    QString makeBareRemote()
    {
        const QString remote = m_dir->filePath(u"remote.git"_s);
        git(m_dir->path(), { u"init"_s, u"--quiet"_s, u"--bare"_s, remote });
        git(m_repository, { u"remote"_s, u"add"_s, u"origin"_s, remote });
        return remote;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Only what a test configures counts: not the machine's own git
        // identity or settings.
        m_configDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_configDir->isValid());
        writeFile(m_configDir->filePath(u"gitconfig"_s), "");
        qputenv("GIT_CONFIG_GLOBAL", QFile::encodeName(m_configDir->filePath(u"gitconfig"_s)));
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_manager = std::make_unique<WorkspaceManager>(m_dir->filePath(u"workspaces"_s));
        m_executor = std::make_unique<ActionExecutor>(m_secrets);
        m_repository = makeRepository();
        const WorkspaceResult<Workspace> created = QCoro::waitFor(
            m_manager->create(WorkspaceRequest { QString(runId), m_repository, u"main"_s, false }));
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));
        m_workspace = created.value();
        changeTree(m_workspace.path);
        const WorkspaceResult<WorkspacePatch> patch = QCoro::waitFor(m_manager->collectPatch(m_workspace));
        QVERIFY(patch.ok());
        m_patch = PatchContent {};
        m_patch.diff = QString::fromUtf8(patch.value().diff);
        for (const PatchFileStat &file : patch.value().files)
            m_patch.files.append({ file.path, file.added, file.removed });
        QCOMPARE(m_patch.files.size(), 5);
    }

    void cleanup()
    {
        m_executor.reset();
        m_manager.reset();
        m_dir.reset();
    }

    void branchHoldsExactlyThePatch_data()
    {
        QTest::addColumn<bool>("configuredIdentity");
        QTest::addRow("identity from git configuration") << true;
        QTest::addRow("Delegate's identity") << false;
    }
    void branchHoldsExactlyThePatch()
    {
        QFETCH(bool, configuredIdentity);
        if (configuredIdentity) {
            git(m_repository, { u"config"_s, u"user.name"_s, u"Ada Reviewer"_s });
            git(m_repository, { u"config"_s, u"user.email"_s, u"ada@example.org"_s });
        }
        const Checkout before = snapshot(m_repository);

        const ActionResult result = execute(requestFor(ActionKind::GitBranch));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.commit, branchTip());
        QCOMPARE(result.branch, u"delegate/run-42"_s);

        const QString commit = result.commit;
        QCOMPARE(git(m_repository, { u"rev-parse"_s, commit + u"^"_s }).text(), m_workspace.baseCommit);
        QCOMPARE(git(m_repository, { u"rev-list"_s, u"--count"_s, m_workspace.baseCommit + u".."_s + commit })
                     .text(),
                 u"1"_s);
        const QStringList changes =
            git(m_repository,
                { u"diff"_s, u"--name-status"_s, u"--no-renames"_s, m_workspace.baseCommit, commit })
                .text()
                .split(u'\n');
        QCOMPARE(changes,
                 QStringList({ u"M\tdata/blob.bin"_s, u"A\tdata/new.bin"_s, u"A\tnotes/new.txt"_s,
                               u"D\told.txt"_s, u"M\tsrc/parser.c"_s }));
        // Byte for byte what the run's tree holds, binary files included.
        const QMap<QString, QByteArray> tree = treeContents(m_workspace.path);
        for (auto it = tree.constBegin(); it != tree.constEnd(); ++it)
            QCOMPARE(git(m_repository, { u"show"_s, commit + u':' + it.key() }).out, it.value());
        QCOMPARE(
            git(m_repository, { u"ls-tree"_s, u"-r"_s, u"--name-only"_s, commit }).text().split(u'\n').size(),
            tree.size());

        const QString author =
            git(m_repository, { u"log"_s, u"-1"_s, u"--format=%an <%ae>|%cn <%ce>"_s, commit }).text();
        QCOMPARE(author,
                 configuredIdentity ? u"Ada Reviewer <ada@example.org>|Ada Reviewer <ada@example.org>"_s
                                    : u"Delegate <delegate@localhost>|Delegate <delegate@localhost>"_s);
        const QString message = git(m_repository, { u"log"_s, u"-1"_s, u"--format=%B"_s, commit }).text();
        QVERIFY2(message.startsWith(u"Make the parser return success\n\n"_s), qPrintable(message));
        QVERIFY(message.contains(u"Delegate-Run: run-42"_s));
        QVERIFY(message.contains(u"Delegate-Artifact: v2"_s));

        QCOMPARE(snapshot(m_repository), before);
        // The worktree's own status agrees with its new HEAD.
        QCOMPARE(git(m_workspace.path, { u"status"_s, u"--porcelain"_s }).text(), QString());
    }

    void previewDoesNothing()
    {
        const Checkout before = snapshot(m_repository);
        const QByteArray objectsBefore = looseObjects();

        const ActionPreview result =
            preview(requestFor(ActionKind::GitBranch, { { u"message"_s, u"Fix parse()"_s } }));
        QVERIFY2(result.ready, qPrintable(result.problems.join(u"; "_s)));
        QCOMPARE(result.details.value("branch"_L1).toString(), u"delegate/run-42"_s);
        QCOMPARE(result.details.value("base_commit"_L1).toString(), m_workspace.baseCommit);
        QCOMPARE(result.details.value("message"_L1).toString(), u"Fix parse()\n"_s);
        QCOMPARE(result.details.value("files"_L1).toArray().size(), 5);
        QCOMPARE(result.details.value("author"_L1).toString(), u"Delegate <delegate@localhost>"_s);
        QVERIFY(result.summary.contains(u"delegate/run-42"_s));

        QCOMPARE(branchTip(), m_workspace.baseCommit);
        QCOMPARE(looseObjects(), objectsBefore);
        QCOMPARE(snapshot(m_repository), before);
    }

    void retryIsIdempotent()
    {
        const ActionResult first = execute(requestFor(ActionKind::GitBranch));
        QVERIFY2(first.ok, qPrintable(first.message));
        const ActionResult second = execute(requestFor(ActionKind::GitBranch));
        QVERIFY2(second.ok, qPrintable(second.message));
        QCOMPARE(second.commit, first.commit);
        QVERIFY2(second.message.contains(u"already holds"_s), qPrintable(second.message));
        QCOMPARE(branchTip(), first.commit);
    }

    void branchMovedByOthersIsLeftAlone()
    {
        git(m_workspace.path, { u"add"_s, u"-A"_s });
        git(m_workspace.path, { u"commit"_s, u"--quiet"_s, u"-m"_s, u"someone else's commit"_s });
        writeFile(m_workspace.path + u"/extra.txt"_s, "more\n");
        git(m_workspace.path, { u"add"_s, u"-A"_s });
        git(m_workspace.path, { u"commit"_s, u"--quiet"_s, u"-m"_s, u"and another"_s });
        const QString moved = branchTip();

        const ActionResult result = execute(requestFor(ActionKind::GitBranch));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(u"has moved to"_s), qPrintable(result.message));
        QCOMPARE(branchTip(), moved);
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("expected");
        QTest::addRow("no workspace") << u"workspace"_s << u"carries no workspace"_s;
        QTest::addRow("report artifact") << u"report"_s << u"takes a patch artifact; this one is a report"_s;
        QTest::addRow("another run's artifact") << u"run"_s << u"belongs to run 'run-7'"_s;
        QTest::addRow("misspelt parameter")
            << u"parameter"_s << u"unknown key `mesage`; did you mean `message`?"_s;
        QTest::addRow("patch that does not apply") << u"diff"_s << u"does not apply to base commit"_s;
        QTest::addRow("empty patch") << u"empty"_s << u"the approved patch is empty"_s;
    }
    void refusedRequests()
    {
        QFETCH(QString, problem);
        QFETCH(QString, expected);
        ActionRequest request = requestFor(ActionKind::GitBranch);
        if (problem == "workspace"_L1)
            request.workspace = Workspace {};
        else if (problem == "report"_L1)
            request.artifact.content = ReportContent { u"# Findings"_s };
        else if (problem == "run"_L1)
            request.artifact.runId = u"run-7"_s;
        else if (problem == "parameter"_L1)
            request.parameters = { { u"mesage"_s, u"typo"_s } };
        else if (problem == "diff"_L1)
            std::get<PatchContent>(request.artifact.content).diff.replace(u"return 0;"_s, u"return 2;"_s);
        else if (problem == "empty"_L1)
            std::get<PatchContent>(request.artifact.content).diff.clear();

        const ActionPreview previewed = preview(request);
        QVERIFY(!previewed.ready);
        QVERIFY2(previewed.problems.join(u"; "_s).contains(expected),
                 qPrintable(previewed.problems.join(u"; "_s)));
        const ActionResult result = execute(request);
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(expected), qPrintable(result.message));
        QVERIFY(result.message.startsWith(u"Nothing was committed"_s));
        QCOMPARE(branchTip(), m_workspace.baseCommit);
    }

    void pushReachesTheRemote()
    {
        const QString remote = makeBareRemote();
        const ActionResult committed = execute(requestFor(ActionKind::GitBranch));
        QVERIFY2(committed.ok, qPrintable(committed.message));
        const Checkout before = snapshot(m_repository);

        const ActionPreview previewed = preview(requestFor(ActionKind::GitPush));
        QVERIFY2(previewed.ready, qPrintable(previewed.problems.join(u"; "_s)));
        QCOMPARE(previewed.details.value("remote"_L1).toString(), u"origin"_s);
        QCOMPARE(previewed.details.value("remote_url"_L1).toString(), remote);
        QCOMPARE(previewed.details.value("commit"_L1).toString(), committed.commit);
        QCOMPARE(git(remote, { u"for-each-ref"_s }).text(), QString());

        const ActionResult pushed = execute(requestFor(ActionKind::GitPush));
        QVERIFY2(pushed.ok, qPrintable(pushed.message));
        QCOMPARE(pushed.pushedRef, u"refs/heads/delegate/run-42"_s);
        QCOMPARE(pushed.commit, committed.commit);
        QCOMPARE(pushed.remoteUrl, remote);
        QCOMPARE(git(remote, { u"rev-parse"_s, u"refs/heads/delegate/run-42"_s }).text(), committed.commit);
        QCOMPARE(git(remote, { u"for-each-ref"_s, u"--format=%(refname)"_s }).text(),
                 u"refs/heads/delegate/run-42"_s);
        QCOMPARE(snapshot(m_repository), before);

        const ActionResult again = execute(requestFor(ActionKind::GitPush));
        QVERIFY2(again.ok, qPrintable(again.message));
        QVERIFY2(again.message.contains(u"nothing new was pushed"_s), qPrintable(again.message));
    }

    void pushRefusals_data()
    {
        QTest::addColumn<QString>("situation");
        QTest::addColumn<QString>("expected");
        QTest::addRow("before git.branch") << u"uncommitted"_s << u"run git.branch before git.push"_s;
        QTest::addRow("unknown remote") << u"remote"_s << u"has no remote named 'upstream'"_s;
        QTest::addRow("remote branch elsewhere") << u"diverged"_s << u"Delegate never forces"_s;
    }
    void pushRefusals()
    {
        QFETCH(QString, situation);
        QFETCH(QString, expected);
        const QString remote = makeBareRemote();
        QJsonObject parameters;
        if (situation != "uncommitted"_L1)
            QVERIFY(execute(requestFor(ActionKind::GitBranch)).ok);
        if (situation == "remote"_L1)
            parameters.insert(u"remote"_s, u"upstream"_s);
        if (situation == "diverged"_L1) {
            git(m_repository, { u"branch"_s, u"other"_s, u"main"_s });
            git(m_repository, { u"push"_s, u"--quiet"_s, remote, u"other"_s });
            git(remote, { u"update-ref"_s, u"refs/heads/delegate/run-42"_s, u"refs/heads/other"_s });
            // A commit the run's branch does not contain.
            const QString worktree = m_dir->filePath(u"elsewhere"_s);
            git(m_dir->path(), { u"clone"_s, u"--quiet"_s, remote, worktree });
            git(worktree, { u"checkout"_s, u"--quiet"_s, u"delegate/run-42"_s });
            writeFile(worktree + u"/theirs.txt"_s, "their work\n");
            git(worktree, { u"add"_s, u"-A"_s });
            git(worktree, { u"commit"_s, u"--quiet"_s, u"-m"_s, u"theirs"_s });
            git(worktree, { u"push"_s, u"--quiet"_s, u"origin"_s, u"delegate/run-42"_s });
        }
        const QString remoteBefore = git(remote, { u"for-each-ref"_s }).text();

        const ActionResult result = execute(requestFor(ActionKind::GitPush, parameters));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(expected), qPrintable(result.message));
        QVERIFY(result.message.startsWith(u"Nothing was pushed"_s));
        QCOMPARE(git(remote, { u"for-each-ref"_s }).text(), remoteBefore);
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestGitActions)
#include "tst_gitactions.moc"
