// SPDX-License-Identifier: GPL-3.0-or-later
// delegatectl sandbox exec against real bubblewrap: exit codes come back,
// secrets are usable but redacted, network "none" means none, output streams
// as it comes, and every way it cannot run says why and what to do.
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"
#include "sandboxcommands.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

#include <functional>

using namespace delegate;
using namespace delegate::cli;
using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Standard output that tells the test what arrives while the command runs.
class WatchedOutput final : public QBuffer
{
public:
    std::function<void(const QByteArray &)> onWrite;

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        const qint64 written = QBuffer::writeData(data, size);
        if (onWrite)
            onWrite(QByteArray(data, size));
        return written;
    }
};

Outcome run(Command &command, const QStringList &arguments, QBuffer *out = nullptr)
{
    QBuffer ownOut;
    QBuffer err;
    QBuffer *stdoutBuffer = out ? out : &ownOut;
    stdoutBuffer->open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    Outcome outcome;
    {
        Console console(stdoutBuffer, &err);
        outcome.exitCode = QCoro::waitFor(command.run(arguments, console));
        console.out().flush();
        console.err().flush();
    }
    outcome.out = stdoutBuffer->data();
    outcome.err = err.data();
    return outcome;
}

Outcome delegatectl(const QStringList &arguments, QBuffer *out = nullptr)
{
    SandboxExecCommand command;
    if (arguments.mid(0, 2) != QStringList { u"sandbox"_s, u"exec"_s })
        qFatal("not a sandbox exec command line");
    return run(command, arguments.mid(2), out);
}

QString describe(const Outcome &outcome)
{
    return u"exit %1\nstdout: %2\nstderr: %3"_s.arg(outcome.exitCode)
        .arg(QString::fromUtf8(outcome.out), QString::fromUtf8(outcome.err));
}

} // namespace

class TestSandboxCommands final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_workspace;

    QString writeEnvironment(const QString &name, const QByteArray &yaml)
    {
        const QString path = m_root.filePath(name + u".yaml"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qWarning("cannot write %s", qPrintable(path));
        file.write("name: " + name.toUtf8() + '\n' + yaml);
        return path;
    }

    // A fresh workspace the sandbox's host user can reach.
    QString makeWorkspace()
    {
        const QString path = m_root.filePath(u"ws-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12));
        QDir().mkpath(path);
        ::chmod(QFile::encodeName(path).constData(), 0755);
        return path;
    }

    QStringList exec(const QString &environment, const QStringList &command, const QString &workspace = {})
    {
        QStringList arguments { u"sandbox"_s, u"exec"_s, environment };
        if (!workspace.isEmpty())
            arguments << u"--workspace"_s << workspace;
        return arguments << u"--"_s << command;
    }

    static QStringList shell(const QString &script) { return { u"/bin/sh"_s, u"-c"_s, script }; }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_root.isValid());
        ::chmod(QFile::encodeName(m_root.path()).constData(), 0711);
        // Tools resolve on delegatectl's PATH: keep it to the system's, which
        // the sandbox's user can reach whoever runs the test.
        qputenv("PATH", "/usr/bin:/bin");
        m_workspace = makeWorkspace();
        writeEnvironment(u"writer"_s, "capabilities: {repository: write}\nlimits: {wall_time: 2m}\n");
    }

    void exitCodeComesBack_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("errFragment");
        QTest::addRow("success") << shell(u"true"_s) << 0 << QByteArray();
        QTest::addRow("failure") << shell(u"exit 3"_s) << 3 << QByteArray();
        QTest::addRow("killed by a signal") << shell(u"kill -TERM $$"_s) << 128 + 15 << QByteArray();
        QTest::addRow("program with arguments")
            << QStringList { u"test"_s, u"-d"_s, u"/workspace"_s } << 0 << QByteArray();
        QTest::addRow("not found") << QStringList { u"delegate-no-such-program"_s } << 127
                                   << QByteArray("`delegate-no-such-program` was not found in the sandbox");
    }

    void exitCodeComesBack()
    {
        QFETCH(QStringList, command);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, errFragment);
        const Outcome outcome = delegatectl(exec(m_root.filePath(u"writer.yaml"_s), command, m_workspace));
        QVERIFY2(outcome.exitCode == exitCode, qPrintable(describe(outcome)));
        QVERIFY2(outcome.err.contains(errFragment), qPrintable(describe(outcome)));
    }

    void outputGoesToStdoutAndStderr()
    {
        const Outcome outcome = delegatectl(exec(
            m_root.filePath(u"writer.yaml"_s), shell(u"echo out; echo err >&2; pwd; id -un"_s), m_workspace));
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, QByteArray("out\n/workspace\nagent\n"));
        QCOMPARE(outcome.err, QByteArray("err\n"));
    }

    void grantedSecretIsVisibleButRedacted()
    {
        const QString environment = writeEnvironment(
            u"with-secret"_s, "capabilities: {repository: write, secrets: [DELEGATE_EXEC_TOKEN]}\n");
        const QByteArray value = "tok-" + QUuid::createUuid().toString(QUuid::Id128).left(16).toLatin1();
        qputenv("DELEGATE_EXEC_TOKEN", value);
        qputenv("DELEGATE_EXEC_NOT_GRANTED", "not-granted");
        const Outcome outcome = delegatectl(exec(
            environment,
            shell(
                u"printenv DELEGATE_EXEC_TOKEN; test \"$DELEGATE_EXEC_TOKEN\" = '%1' && echo match; "
                "printenv DELEGATE_EXEC_NOT_GRANTED || echo only-granted; echo \"$DELEGATE_EXEC_TOKEN\" >&2"_s
                    .arg(QString::fromLatin1(value))),
            m_workspace));
        qunsetenv("DELEGATE_EXEC_TOKEN");
        qunsetenv("DELEGATE_EXEC_NOT_GRANTED");
        QVERIFY2(outcome.exitCode == 0, qPrintable(describe(outcome)));
        QCOMPARE(outcome.out, QByteArray("[redacted:DELEGATE_EXEC_TOKEN]\nmatch\nonly-granted\n"));
        QCOMPARE(outcome.err, QByteArray("[redacted:DELEGATE_EXEC_TOKEN]\n"));
    }

    void secretWithoutValueSaysHowToSetIt()
    {
        qunsetenv("DELEGATE_EXEC_UNSET");
        const QString environment = writeEnvironment(
            u"unset-secret"_s, "capabilities: {repository: write, secrets: [DELEGATE_EXEC_UNSET]}\n");
        const Outcome outcome = delegatectl(exec(environment, shell(u"true"_s), m_workspace));
        QCOMPARE(outcome.exitCode, int(SandboxExecCommand::ExitCannotRun));
        QVERIFY2(outcome.err.contains(QByteArray(environment.toUtf8()
                                                 + ": capabilities.secrets[0]: the secret "
                                                   "`DELEGATE_EXEC_UNSET` is granted but has no value")),
                 qPrintable(describe(outcome)));
        QVERIFY2(outcome.err.contains("export DELEGATE_EXEC_UNSET"), qPrintable(describe(outcome)));
    }

    void networkNoneCannotReachALoopbackListener_data()
    {
        QTest::addColumn<QByteArray>("network");
        QTest::addColumn<bool>("reaches");
        QTest::addRow("none") << QByteArray("none") << false;
        QTest::addRow("full (control)") << QByteArray("full") << true;
    }

    void networkNoneCannotReachALoopbackListener()
    {
        QFETCH(QByteArray, network);
        QFETCH(bool, reaches);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const QString environment = writeEnvironment(u"network-"_s + QString::fromLatin1(network),
                                                     "capabilities: {repository: write, network: " + network
                                                         + ", tools: [python3]}\n");
        const Outcome outcome = delegatectl(exec(
            environment,
            { u"python3"_s, u"-c"_s,
              u"import socket; socket.create_connection(('127.0.0.1', %1), timeout=5); print('connected')"_s
                  .arg(server.serverPort()) },
            m_workspace));
        if (reaches) {
            QVERIFY2(outcome.exitCode == 0, qPrintable(describe(outcome)));
            QCOMPARE(outcome.out, QByteArray("connected\n"));
            QTRY_VERIFY(server.hasPendingConnections());
        } else {
            QVERIFY2(outcome.exitCode == 1, qPrintable(describe(outcome)));
            QVERIFY2(outcome.err.contains("Connection refused"), qPrintable(describe(outcome)));
            QVERIFY(!server.hasPendingConnections());
        }
    }

    void outputStreamsWhileTheCommandRuns()
    {
        const QString workspace = makeWorkspace();
        WatchedOutput out;
        bool sawReady = false;
        // The command only finishes once the test has seen its first line
        // and answered by creating `go` in the workspace.
        out.onWrite = [&](const QByteArray &chunk) {
            if (!sawReady && chunk.contains("ready")) {
                sawReady = true;
                QFile go(workspace + u"/go"_s);
                if (!go.open(QIODevice::WriteOnly))
                    qWarning("cannot create %s", qPrintable(go.fileName()));
            }
        };
        const Outcome outcome = delegatectl(exec(m_root.filePath(u"writer.yaml"_s),
                                                 shell(u"echo ready; i=0; while [ ! -e go ] && [ $i -lt 3000 "
                                                       u"]; do sleep 0.01; i=$((i+1)); done; "
                                                       "test -e go && echo done"_s),
                                                 workspace),
                                            &out);
        QVERIFY(sawReady);
        QVERIFY2(outcome.exitCode == 0, qPrintable(describe(outcome)));
        QCOMPARE(outcome.out, QByteArray("ready\ndone\n"));
    }

    void wallTimeEndsTheCommand()
    {
        const QString environment =
            writeEnvironment(u"short"_s, "capabilities: {repository: write}\nlimits: {wall_time: 1s}\n");
        const Outcome outcome =
            delegatectl(exec(environment, shell(u"echo started; sleep 60"_s), m_workspace));
        QCOMPARE(outcome.exitCode, int(SandboxExecCommand::ExitTimedOut));
        QCOMPARE(outcome.out, QByteArray("started\n"));
        QVERIFY2(outcome.err.contains("ran longer than the wall time of 1s and was killed"),
                 qPrintable(describe(outcome)));
        QVERIFY2(outcome.err.contains(QByteArray("raise limits.wall_time in " + environment.toUtf8())),
                 qPrintable(describe(outcome)));
    }

    void withoutRepositoryAccessTheWorkspaceIsEmpty()
    {
        const QString environment = writeEnvironment(u"no-repository"_s, "capabilities: {network: none}\n");
        QFile marker(m_workspace + u"/marker"_s);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("marker");
        marker.close();
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_workspace));
        const Outcome outcome = delegatectl(exec(environment, shell(u"ls -A /workspace | wc -l"_s)));
        QVERIFY(QDir::setCurrent(previous));
        QVERIFY2(outcome.exitCode == 0, qPrintable(describe(outcome)));
        QCOMPARE(outcome.out.trimmed(), QByteArray("0"));

        const Outcome refused = delegatectl(exec(environment, shell(u"true"_s), m_workspace));
        QCOMPARE(refused.exitCode, int(SandboxExecCommand::ExitCannotRun));
        QVERIFY2(refused.err.contains("grants no repository access"), qPrintable(describe(refused)));
    }

    void currentDirectoryIsTheDefaultWorkspace()
    {
        const QString workspace = makeWorkspace();
        QFile marker(workspace + u"/marker"_s);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("here");
        marker.close();
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(workspace));
        const Outcome outcome =
            delegatectl(exec(m_root.filePath(u"writer.yaml"_s), { u"cat"_s, u"marker"_s }));
        QVERIFY(QDir::setCurrent(previous));
        QVERIFY2(outcome.exitCode == 0, qPrintable(describe(outcome)));
        QCOMPARE(outcome.out, QByteArray("here"));
    }

    void readOnlyRepositoryKeepsFilesAndSaysWhatItCannotEnforce()
    {
        const QString workspace = makeWorkspace();
        QFile file(workspace + u"/file.txt"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("original\n");
        file.close();
        const QString environment = writeEnvironment(u"reader"_s, "capabilities: {repository: read}\n");
        const Outcome outcome =
            delegatectl(exec(environment, shell(u"cat file.txt; echo changed > file.txt"_s), workspace));
        QVERIFY2(outcome.exitCode != 0, qPrintable(describe(outcome)));
        QCOMPARE(outcome.out, QByteArray("original\n"));
        QVERIFY2(outcome.err.startsWith(
                     "delegatectl sandbox exec: note: repository: read: every file and directory "
                     "of the workspace is read-only"),
                 qPrintable(describe(outcome)));
        QVERIFY2(outcome.err.contains("Read-only file system"), qPrintable(describe(outcome)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("original\n"));
    }

    void cannotRunSaysWhyAndWhatToDo_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("fragment");
        QTest::addRow("allowlist needs the egress proxy")
            << QByteArray(
                   "capabilities: {repository: write, network: {mode: allowlist, hosts: [api.github.com]}}\n")
            << QByteArray(
                   "network mode 'allowlist' needs the egress proxy, which this version does not have yet; "
                   "grant 'none' or 'full' network instead");
        QTest::addRow("tool not found")
            << QByteArray("capabilities: {repository: write, tools: [delegate-no-tool]}\n")
            << QByteArray("tool `delegate-no-tool` was not found");
        QTest::addRow("remote environment")
            << QByteArray("sandbox: ssh:build-01\ncapabilities: {repository: write}\n")
            << QByteArray("runs on ssh:build-01, and sandbox exec runs local sandboxes "
                          "only");
        QTest::addRow("invalid environment")
            << QByteArray("capabilities: {repository: maybe}\n")
            << QByteArray("capabilities.repository: expected one of none, read, write");
    }

    void cannotRunSaysWhyAndWhatToDo()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, fragment);
        const QString environment =
            writeEnvironment(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'), yaml);
        const Outcome outcome = delegatectl(exec(environment, shell(u"echo ran"_s), m_workspace));
        QCOMPARE(outcome.exitCode, int(SandboxExecCommand::ExitCannotRun));
        QVERIFY(outcome.out.isEmpty());
        QVERIFY2(outcome.err.contains(fragment), qPrintable(describe(outcome)));
    }

    void missingBubblewrapIsExplained()
    {
        LocalSandboxOptions options;
        options.bwrapPath = m_root.filePath(u"no-bwrap-here"_s);
        SandboxExecCommand command(options);
        const Outcome outcome =
            run(command,
                { m_root.filePath(u"writer.yaml"_s), u"--workspace"_s, m_workspace, u"--"_s, u"true"_s });
        QCOMPARE(outcome.exitCode, int(SandboxExecCommand::ExitCannotRun));
        QVERIFY2(
            outcome.err.contains("bubblewrap (bwrap) is not installed or not on PATH; install the Debian "
                                 "package bubblewrap"),
            qPrintable(describe(outcome)));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("fragment");
        QTest::addRow("nothing") << QStringList {} << QByteArray("which environment?");
        QTest::addRow("no command") << QStringList { u"env.yaml"_s, u"--"_s } << QByteArray("which command?");
        QTest::addRow("command option without --")
            << QStringList { u"env.yaml"_s, u"ls"_s, u"-la"_s } << QByteArray("put the command after --");
        QTest::addRow("two files") << QStringList { u"a.yaml"_s, u"b.yaml"_s, u"--"_s, u"true"_s }
                                   << QByteArray("one environment file before --");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, fragment);
        SandboxExecCommand command;
        const Outcome outcome = run(command, arguments);
        QCOMPARE(outcome.exitCode, int(ExitUsage));
        QVERIFY2(outcome.err.contains(fragment), qPrintable(describe(outcome)));
        QVERIFY(outcome.err.contains("Usage: delegatectl sandbox exec ENV.yaml"));
    }

    void isRegistered()
    {
        QBuffer out;
        QBuffer err;
        out.open(QIODevice::WriteOnly);
        err.open(QIODevice::WriteOnly);
        Console console(&out, &err);
        CommandRegistry registry;
        registerAllCommands(registry);
        const int exitCode = QCoro::waitFor(
            registry.dispatch({ u"sandbox"_s, u"exec"_s, m_root.filePath(u"writer.yaml"_s), u"--workspace"_s,
                                m_workspace, u"--"_s, u"sh"_s, u"-c"_s, u"exit 5"_s },
                              console));
        QCOMPARE(exitCode, 5);
    }

    // The real executable: output reaches its standard output while the
    // command still runs, and the exit code is the process's.
    void executableStreamsAndExits()
    {
        const QString workspace = makeWorkspace();
        QProcess process;
        process.setProgram(QStringLiteral(DELEGATECTL_PATH));
        process.setArguments(
            exec(m_root.filePath(u"writer.yaml"_s),
                 shell(u"echo ready; i=0; while [ ! -e go ] && [ $i -lt 3000 ]; do sleep 0.01; "
                       "i=$((i+1)); done; test -e go && echo done; exit 7"_s),
                 workspace));
        process.start();
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning, 30000);
        QCOMPARE(process.readLine(), QByteArray("ready\n"));
        QVERIFY(process.state() == QProcess::Running);
        QFile go(workspace + u"/go"_s);
        QVERIFY(go.open(QIODevice::WriteOnly));
        go.close();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.readAllStandardOutput(), QByteArray("done\n"));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 7);
    }

    // Interrupting delegatectl stops the command, releases the workspace
    // (when running as root it was handed to the sandbox's user) and exits
    // with 128+signal.
    void interruptionStopsTheCommand()
    {
        const QString workspace = makeWorkspace();
        QFile kept(workspace + u"/kept"_s);
        QVERIFY(kept.open(QIODevice::WriteOnly));
        kept.close();
        QProcess process;
        process.setProgram(QStringLiteral(DELEGATECTL_PATH));
        process.setArguments(exec(m_root.filePath(u"writer.yaml"_s),
                                  shell(u"echo ready; sleep 60; echo not-reached"_s), workspace));
        process.start();
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine() || process.state() == QProcess::NotRunning, 30000);
        QCOMPARE(process.readLine(), QByteArray("ready\n"));
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 128 + 15);
        QVERIFY(process.readAllStandardError().contains("interrupted by signal 15"));
        QVERIFY(process.readAllStandardOutput().isEmpty());
        QCOMPARE(QFileInfo(workspace + u"/kept"_s).ownerId(), ::geteuid());
        QCOMPARE(QFileInfo(workspace).ownerId(), ::geteuid());
    }

    void cleanupTestCase()
    {
        // Workspaces were handed to the sandbox's user and back; all of them
        // must be removable by the test's own user again.
        QVERIFY(m_root.remove());
    }
};

QTEST_GUILESS_MAIN(TestSandboxCommands)
#include "tst_sandboxcommands.moc"
