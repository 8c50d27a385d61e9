// SPDX-License-Identifier: GPL-3.0-or-later
// The SSH sandbox against a real sshd on loopback: commands run on the host
// in the same bubblewrap sandbox (the local suite's attacks fail there too),
// the workspace's changes come back, and the clear errors for unknown host
// keys and refused keys; a host that goes away mid-command.
#include "loopbacksshd.h"
#include "sandbox/sshsandbox.h"
#include "sandbox/sshsandboxsession.h"
#include "sandboxtesthelpers.h"

#include <QCoro/QCoroTask>
#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace std::chrono_literals;

namespace delegate {

using testing::quickPolicy;
using testing::shell;
using testing::uniqueToken;

namespace {

QString describe(const ExecResult &result)
{
    return QStringLiteral("exit %1 signal %2 timedOut %3 error '%4'\nstdout: %5\nstderr: %6")
        .arg(result.exitCode)
        .arg(result.signal)
        .arg(result.timedOut)
        .arg(result.error ? result.error->message : QString(), QString::fromUtf8(result.stdoutData),
             QString::fromUtf8(result.stderrData));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(data);
}

// Whether any process on this machine (the loopback host) has marker in its
// command line.
bool processWithMarkerExists(const QByteArray &marker)
{
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        QByteArray cmdline = readAll(dir + QStringLiteral("/cmdline"));
        cmdline.replace('\0', ' ');
        if (cmdline.contains(marker) && !cmdline.contains("tst_sshsandbox"))
            return true;
    }
    return false;
}

} // namespace

class TestSshSandbox : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::LoopbackSshd> m_sshd;
    std::unique_ptr<testing::SandboxWorkspaces> m_workspaces;
    std::unique_ptr<SshSandbox> m_sandbox;

    SshSandboxOptions optionsFor(const QString &config) const
    {
        SshSandboxOptions options;
        options.ssh.host = m_sshd->alias();
        options.ssh.configFile = config;
        options.ssh.connectTimeout = 5s;
        return options;
    }

    std::unique_ptr<SandboxSession> prepare(SshSandbox &sandbox, const SandboxPolicy &policy)
    {
        auto prepared = QCoro::waitFor(sandbox.prepare(policy));
        if (!prepared.ok()) {
            qWarning("prepare failed: %s", qPrintable(prepared.error().message));
            return nullptr;
        }
        return prepared.takeValue();
    }

    ExecResult run(SandboxSession &session, ExecRequest request)
    {
        return QCoro::waitFor(session.exec(std::move(request)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (testing::LoopbackSshd::sshdProgram().isEmpty())
            QSKIP("sshd is not installed (Debian package openssh-server)");
        m_sshd = std::make_unique<testing::LoopbackSshd>();
        QVERIFY2(m_sshd->start(), qPrintable(m_sshd->errorString()));
        m_workspaces = std::make_unique<testing::SandboxWorkspaces>();
        m_sandbox = std::make_unique<SshSandbox>(optionsFor(m_sshd->clientConfig()));
        const SandboxResult<void> probed = QCoro::waitFor(m_sandbox->probe());
        QVERIFY2(probed.ok(), probed.ok() ? "" : qPrintable(probed.error().message + m_sshd->log()));
    }

    void cleanupTestCase()
    {
        m_sandbox.reset();
        m_sshd.reset();
        m_workspaces.reset();
    }

    void unknownHostKeyIsExplained()
    {
        SshSandbox sandbox(optionsFor(m_sshd->clientConfigWithUnknownHostKey()));
        const SandboxResult<void> probed = QCoro::waitFor(sandbox.probe());
        QVERIFY(!probed.ok());
        QCOMPARE(probed.error().code, SandboxErrorCode::HostKeyUnknown);
        QVERIFY2(probed.error().message.contains(QLatin1String("host key")),
                 qPrintable(probed.error().message));
        QVERIFY(probed.error().message.contains(m_sshd->alias()));
    }

    void refusedKeyIsExplained()
    {
        SshSandbox sandbox(optionsFor(m_sshd->clientConfigWithRefusedKey()));
        const SandboxResult<void> probed = QCoro::waitFor(sandbox.probe());
        QVERIFY(!probed.ok());
        QCOMPARE(probed.error().code, SandboxErrorCode::AuthenticationRefused);
        QVERIFY2(probed.error().message.contains(QLatin1String("authorized_keys")),
                 qPrintable(probed.error().message));
    }

    void unreachableHostIsExplained()
    {
        // A server that was there and is gone: nothing listens on its port.
        testing::LoopbackSshd gone;
        QVERIFY2(gone.start(), qPrintable(gone.errorString()));
        gone.kill();
        SshSandbox stopped(optionsFor(gone.clientConfig()));
        const SandboxResult<void> probed = QCoro::waitFor(stopped.probe());
        QVERIFY(!probed.ok());
        QCOMPARE(probed.error().code, SandboxErrorCode::HostUnreachable);
        QVERIFY2(probed.error().message.contains(QLatin1String("refused")),
                 qPrintable(probed.error().message));
    }

    void commandRunsAndStreams()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        writeAll(workspace + QStringLiteral("/hello.txt"), "from the engine\n");
        auto session = prepare(*m_sandbox, quickPolicy(workspace));
        QVERIFY(session);
        QByteArray streamed;
        ExecRequest request = shell(QStringLiteral("cat hello.txt; pwd; id -u; echo oops >&2; exit 3"));
        request.onOutput = [&streamed](SandboxStream stream, const QByteArray &chunk) {
            if (stream == SandboxStream::Stdout)
                streamed += chunk;
        };
        const ExecResult result = run(*session, request);
        QVERIFY2(!result.error, qPrintable(describe(result)));
        QCOMPARE(result.exitCode, 3);
        QCOMPARE(result.stdoutData, QByteArray("from the engine\n/workspace\n1000\n"));
        QCOMPARE(result.stderrData, QByteArray("oops\n"));
        QCOMPARE(streamed, result.stdoutData);
        const QString remoteDir = static_cast<SshSandboxSession *>(session.get())->remoteDir();
        QVERIFY(QFileInfo::exists(remoteDir)); // loopback: the host's directory is visible here
        QCoro::waitFor(session->teardown());
        QVERIFY(!QFileInfo::exists(remoteDir));
    }

    void changesComeBack()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        writeAll(workspace + QStringLiteral("/keep.txt"), "keep\n");
        writeAll(workspace + QStringLiteral("/edit.txt"), "old\n");
        writeAll(workspace + QStringLiteral("/gone.txt"), "bye\n");
        writeAll(workspace + QStringLiteral("/.gitignore"), "build/\n");
        auto session = prepare(*m_sandbox, quickPolicy(workspace));
        QVERIFY(session);
        const ExecResult result =
            run(*session,
                shell(QStringLiteral("echo new > edit.txt && rm gone.txt && mkdir -p src && "
                                     "printf 'a\\0b' > src/blob.bin && chmod +x src/blob.bin && "
                                     "mkdir build && echo ignored > build/out")));
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QCOMPARE(readAll(workspace + QStringLiteral("/edit.txt")), QByteArray("new\n"));
        QVERIFY(!QFileInfo::exists(workspace + QStringLiteral("/gone.txt")));
        QCOMPARE(readAll(workspace + QStringLiteral("/src/blob.bin")), QByteArray("a\0b", 3));
        QVERIFY(QFileInfo(workspace + QStringLiteral("/src/blob.bin")).isExecutable());
        QCOMPARE(readAll(workspace + QStringLiteral("/keep.txt")), QByteArray("keep\n"));
        QVERIFY(!QFileInfo::exists(workspace + QStringLiteral("/build/out")));

        // Files written through the session land on the host and here.
        const SandboxResult<void> written =
            QCoro::waitFor(session->writeFile(QStringLiteral("docs/notes.md"), "# notes\n"));
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        QCOMPARE(readAll(workspace + QStringLiteral("/docs/notes.md")), QByteArray("# notes\n"));
        const ExecResult seen = run(*session, shell(QStringLiteral("cat docs/notes.md")));
        QCOMPARE(seen.stdoutData, QByteArray("# notes\n"));
        const SandboxResult<QByteArray> read = QCoro::waitFor(session->readFile(QStringLiteral("edit.txt")));
        QVERIFY(read.ok());
        QCOMPARE(read.value(), QByteArray("new\n"));
        const auto outside = QCoro::waitFor(session->writeFile(QStringLiteral("../escape"), "x"));
        QVERIFY(!outside.ok());
        QCOMPARE(outside.error().code, SandboxErrorCode::PathOutsideWorkspace);
        (void)run(*session, shell(QStringLiteral("ln -s /etc link")));
        const auto throughLink = QCoro::waitFor(session->writeFile(QStringLiteral("link/evil"), "x"));
        QVERIFY(!throughLink.ok());
        QCoro::waitFor(session->teardown());
    }

    void attackFails_data() { testing::addAttackRows(); }

    void attackFails()
    {
        QFETCH(QString, attack);
        QFETCH(QString, control);
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(*m_sandbox, quickPolicy(workspace));
        QVERIFY(session);
        const ExecResult controlResult = run(*session, shell(control));
        QVERIFY2(controlResult.succeeded(), qPrintable(describe(controlResult)));
        const ExecResult attackResult = run(*session, shell(attack));
        QVERIFY(!attackResult.error);
        QVERIFY2(attackResult.exitCode != 0, qPrintable(describe(attackResult)));
        QCoro::waitFor(session->teardown());
        QVERIFY(!QFileInfo::exists(QStringLiteral("/usr/delegate-attack")));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/delegate-attack")));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/delegate-attack")));
    }

    void secretIsRedactedAndOffTheCommandLine()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        SandboxPolicy policy = quickPolicy(workspace);
        const QString secret = uniqueToken(QStringLiteral("s3cret"));
        policy.secrets.insert(QStringLiteral("API_TOKEN"), secret);
        auto session = prepare(*m_sandbox, policy);
        QVERIFY(session);
        const ExecResult result = run(*session, shell(QStringLiteral("echo \"$API_TOKEN\"; sleep 1")));
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QCOMPARE(result.stdoutData, QByteArray("[redacted:API_TOKEN]\n"));
        QVERIFY(!processWithMarkerExists(secret.toUtf8()));
        QCoro::waitFor(session->teardown());
    }

    void forkBombIsContained()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        SandboxPolicy policy = quickPolicy(workspace);
        policy.limits.maxProcesses = 40;
        auto session = prepare(*m_sandbox, policy);
        QVERIFY(session);
        const QString bomb =
            QStringLiteral("perl -e 'pipe(my $r, my $w) or die; for my $i (1..2000) { my $pid = fork(); "
                           "if (!defined $pid) { print \"refused at $i\\n\"; exit 0 } "
                           "if ($pid == 0) { close $w; <$r>; exit 0 } } print \"not refused\\n\"; exit 1'");
        const ExecResult result = run(*session, shell(bomb));
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QVERIFY2(result.stdoutData.startsWith("refused at "), qPrintable(describe(result)));
        QCoro::waitFor(session->teardown());
    }

    void wallTimeKillsTheRemoteTree()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(*m_sandbox, quickPolicy(workspace));
        QVERIFY(session);
        const QString marker = uniqueToken(QStringLiteral("wall"));
        ExecRequest request =
            shell(QStringLiteral("(exec -a %1 sleep 300) & (exec -a %1 sleep 301)").arg(marker));
        request.argv[0] = QStringLiteral("/bin/bash");
        request.timeout = 1500ms;
        const ExecResult result = run(*session, request);
        QVERIFY2(result.timedOut, qPrintable(describe(result)));
        QTRY_VERIFY_WITH_TIMEOUT(!processWithMarkerExists(marker.toUtf8()), 10000);
        QCoro::waitFor(session->teardown());
    }

    // Last: it stops the server.
    void lostHostEndsTheCommand()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(*m_sandbox, quickPolicy(workspace));
        QVERIFY(session);
        QSignalSpy lost(session.get(), &SandboxSession::lost);
        const QString marker = uniqueToken(QStringLiteral("lost"));
        ExecRequest request = shell(QStringLiteral("echo started; (exec -a %1 sleep 300)").arg(marker));
        request.argv[0] = QStringLiteral("/bin/bash");
        bool started = false;
        request.onOutput = [&](SandboxStream, const QByteArray &chunk) {
            if (chunk.contains("started") && !started) {
                started = true;
                m_sshd->kill();
            }
        };
        const ExecResult result = run(*session, request);
        QVERIFY(started);
        QVERIFY2(result.error, qPrintable(describe(result)));
        QCOMPARE(result.error->code, SandboxErrorCode::HostLost);
        QCOMPARE(lost.count(), 1);
        // The host kills what ran when the connection goes.
        QTRY_VERIFY_WITH_TIMEOUT(!processWithMarkerExists(marker.toUtf8()), 15000);
        const ExecResult after = run(*session, shell(QStringLiteral("true")));
        QVERIFY(after.error);
        QCOMPARE(after.error->code, SandboxErrorCode::HostLost);
        QCoro::waitFor(session->teardown());
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestSshSandbox)
#include "tst_sshsandbox.moc"
