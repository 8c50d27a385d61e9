// SPDX-License-Identifier: GPL-3.0-or-later
// The local sandbox against real bubblewrap: what an agent command must not be
// able to do (each attack next to a control that shows the same tool works),
// and the legitimate work it must still do.
#include "sandbox/execoutput.h"
#include "sandbox/localsandbox.h"
#include "sandboxtesthelpers.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QDirIterator>
#include <QNetworkInterface>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace delegate {

using testing::quickPolicy;
using testing::shell;
using testing::uniqueToken;

class TestLocalSandbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxSession> prepare(const SandboxPolicy &policy)
    {
        auto prepared = QCoro::waitFor(m_sandbox->prepare(policy));
        if (!prepared) {
            qWarning("prepare failed: %s", qPrintable(prepared.error().message));
            return nullptr;
        }
        return prepared.takeValue();
    }

    ExecResult run(SandboxSession &session, ExecRequest request)
    {
        return QCoro::waitFor(session.exec(std::move(request)));
    }

    ExecResult runInFreshWorkspace(const QString &script,
                                   const std::function<void(SandboxPolicy &)> &tweak = {})
    {
        SandboxPolicy policy = quickPolicy(m_workspaces->create(uniqueToken(QStringLiteral("ws-"))));
        if (tweak)
            tweak(policy);
        auto session = prepare(policy);
        if (!session) {
            ExecResult failed;
            failed.error = SandboxError { SandboxErrorCode::SetupFailed, QStringLiteral("no session") };
            return failed;
        }
        ExecResult result = run(*session, shell(script));
        QCoro::waitFor(session->teardown());
        return result;
    }

    static QString describe(const ExecResult &result)
    {
        return QStringLiteral("exit %1 signal %2 timedOut %3 error '%4'\nstdout: %5\nstderr: %6")
            .arg(result.exitCode)
            .arg(result.signal)
            .arg(result.timedOut)
            .arg(result.error ? result.error->message : QString(), QString::fromUtf8(result.stdoutData),
                 QString::fromUtf8(result.stderrData));
    }

    // Unsandboxed, as the engine itself would run it: the control that shows an
    // attack would have worked without the sandbox.
    static QByteArray runOnHost(const QStringList &argv, int *exitCode = nullptr)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(argv.constFirst(), argv.mid(1));
        process.waitForFinished(30000);
        if (exitCode)
            *exitCode = process.exitCode();
        return process.readAll();
    }

    static bool hostHasProcessWithArgument(const QByteArray &argument)
    {
        QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            it.next();
            QFile cmdline(it.filePath() + QStringLiteral("/cmdline"));
            if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().split('\0').contains(argument))
                return true;
        }
        return false;
    }

    std::unique_ptr<testing::SandboxWorkspaces> m_workspaces;
    std::unique_ptr<LocalSandbox> m_sandbox;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_workspaces = std::make_unique<testing::SandboxWorkspaces>();
        QVERIFY(m_workspaces->isValid());
        m_sandbox = std::make_unique<LocalSandbox>();
        const SandboxResult<void> probed = QCoro::waitFor(m_sandbox->probe());
        QVERIFY2(probed.ok(), probed.ok() ? "" : qPrintable(probed.error().message));
    }

    void cleanupTestCase()
    {
        m_sandbox.reset();
        m_workspaces.reset();
    }

    void missingBwrapIsExplained()
    {
        LocalSandboxOptions options;
        options.bwrapPath = QStringLiteral("/nonexistent/bwrap");
        LocalSandbox sandbox(options);
        const SandboxResult<void> probed = QCoro::waitFor(sandbox.probe());
        QVERIFY(!probed.ok());
        QCOMPARE(probed.error().code, SandboxErrorCode::BwrapMissing);
        QVERIFY(probed.error().message.contains(QLatin1String("sudo apt-get install bubblewrap")));
    }

    void userNamespaceFailureIsExplained_data()
    {
        QTest::addColumn<QString>("bwrapSaid");
        QTest::addRow("unprivileged clone off") << QStringLiteral(
            "bwrap: No permissions to creating new namespace, likely because the kernel does not "
            "allow non-privileged user namespaces.");
        QTest::addRow("max_user_namespaces 0")
            << QStringLiteral("bwrap: Creating new namespace failed: No space left on device");
        QTest::addRow("apparmor") << QStringLiteral("bwrap: setting up uid map: Permission denied");
    }

    void userNamespaceFailureIsExplained()
    {
        QFETCH(QString, bwrapSaid);
        const SandboxError error = LocalSandbox::explainBwrapFailure(bwrapSaid, true, 65533);
        QCOMPARE(error.code, SandboxErrorCode::UserNamespacesUnavailable);
        QVERIFY(error.message.contains(QLatin1String("kernel.unprivileged_userns_clone=1")));
        QVERIFY(error.message.contains(QLatin1String("user.max_user_namespaces")));
        QVERIFY(error.message.contains(bwrapSaid));
    }

    void invalidPoliciesAreRejected_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addRow("no workspace") << QStringLiteral("workspace");
        QTest::addRow("mount over /proc") << QStringLiteral("mount");
        QTest::addRow("bad variable") << QStringLiteral("variable");
        QTest::addRow("zero wall time") << QStringLiteral("wallTime");
        QTest::addRow("allowlist") << QStringLiteral("allowlist");
    }

    void invalidPoliciesAreRejected()
    {
        QFETCH(QString, field);
        SandboxPolicy policy = quickPolicy(m_workspaces->create(uniqueToken(QStringLiteral("ws-"))));
        if (field == QLatin1String("workspace"))
            policy.workspaceDir = m_workspaces->root() + QStringLiteral("/does-not-exist");
        else if (field == QLatin1String("mount"))
            policy.readOnlyMounts.append(SandboxMount { QStringLiteral("/usr"), QStringLiteral("/proc/x") });
        else if (field == QLatin1String("variable"))
            policy.environment.insert(QStringLiteral("BAD-NAME"), QStringLiteral("x"));
        else if (field == QLatin1String("wallTime"))
            policy.limits.wallTime = 0ms;
        else if (field == QLatin1String("allowlist"))
            policy.network =
                SandboxNetwork { SandboxNetworkMode::Allowlist, { QStringLiteral("example.com") } };
        auto prepared = QCoro::waitFor(m_sandbox->prepare(policy));
        QVERIFY(!prepared.ok());
        QVERIFY(!prepared.error().message.isEmpty());
    }

    // Attacks that need no host-side set-up. The control runs in the same kind
    // of sandbox and must succeed, so a row cannot pass because the tool is
    // merely missing.
    void attackFails_data() { testing::addAttackRows(); }

    void attackFails()
    {
        QFETCH(QString, attack);
        QFETCH(QString, control);
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(quickPolicy(workspace));
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

    void hostLoopbackListenerIsUnreachable()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const QString connect =
            QStringLiteral(
                "python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", %1), timeout=5)'")
                .arg(server.serverPort());
        const ExecResult result = runInFreshWorkspace(connect);
        QVERIFY(!result.error);
        QVERIFY2(result.exitCode != 0, qPrintable(describe(result)));
        QVERIFY(result.stderrData.contains("Connection refused"));
        QVERIFY(!server.hasPendingConnections());

        // Control: with the network granted the same command reaches it.
        const ExecResult granted = runInFreshWorkspace(
            connect, [](SandboxPolicy &policy) { policy.network.mode = SandboxNetworkMode::Full; });
        QVERIFY2(granted.succeeded(), qPrintable(describe(granted)));
        QTRY_VERIFY(server.hasPendingConnections());
    }

    // A public address is never a target here: an address of this very host
    // other than loopback stands in for "the outside". With no route out, the
    // connect fails before any packet could leave.
    void hostExternalAddressIsUnreachable()
    {
        QHostAddress external;
        const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
        for (const QHostAddress &address : addresses) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback()) {
                external = address;
                break;
            }
        }
        if (external.isNull())
            QSKIP("this host has no non-loopback IPv4 address");
        QTcpServer server;
        QVERIFY(server.listen(external, 0));
        const QString connect =
            QStringLiteral("python3 -c 'import socket; socket.create_connection((\"%1\", %2), timeout=5)'")
                .arg(external.toString())
                .arg(server.serverPort());
        const ExecResult result = runInFreshWorkspace(connect);
        QVERIFY2(result.exitCode != 0, qPrintable(describe(result)));
        QVERIFY2(result.stderrData.contains("unreachable"), qPrintable(describe(result)));
        QVERIFY(!server.hasPendingConnections());

        const ExecResult granted = runInFreshWorkspace(
            connect, [](SandboxPolicy &policy) { policy.network.mode = SandboxNetworkMode::Full; });
        QVERIFY2(granted.succeeded(), qPrintable(describe(granted)));
    }

    void hostHomeIsInvisible()
    {
        QTemporaryDir fakeHome;
        QVERIFY(fakeHome.isValid());
        ::chmod(QFile::encodeName(fakeHome.path()).constData(), 0755);
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(fakeHome.path()));
        const QString planted = fakeHome.filePath(QStringLiteral(".ssh/id_ed25519"));
        QDir().mkpath(QFileInfo(planted).path());
        const QByteArray secret = uniqueToken(QStringLiteral("private-key-")).toUtf8();
        {
            QFile file(planted);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(secret);
            ::fchmod(file.handle(), 0644);
        }
        int hostExit = -1;
        QCOMPARE(runOnHost({ QStringLiteral("/bin/cat"), planted }, &hostExit), secret); // the control
        QCOMPARE(hostExit, 0);

        const ExecResult result = runInFreshWorkspace(
            QStringLiteral("cat '%1' || cat ~/.ssh/id_ed25519 || ls '%2'").arg(planted, fakeHome.path()));
        qputenv("HOME", oldHome);
        QVERIFY2(result.exitCode != 0, qPrintable(describe(result)));
        QVERIFY(!result.stdoutData.contains(secret));
    }

    void engineDatabaseIsInvisible()
    {
        const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(QDir().mkpath(dataDir));
        const QString database = dataDir + QStringLiteral("/delegate.sqlite");
        const QByteArray contents = uniqueToken(QStringLiteral("engine-db-")).toUtf8();
        {
            QFile file(database);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(contents);
        }
        const ExecResult result = runInFreshWorkspace(QStringLiteral("cat '%1'").arg(database));
        QFile::remove(database);
        QVERIFY2(result.exitCode != 0, qPrintable(describe(result)));
        QVERIFY(!result.stdoutData.contains(contents));
        QVERIFY(result.stderrData.contains("No such file"));
    }

    void writesToPrivateTmpStayInside()
    {
        const QString name = uniqueToken(QStringLiteral("delegate-attack-"));
        const ExecResult result = runInFreshWorkspace(
            QStringLiteral("echo x > /tmp/%1 && echo x > /dev/shm/%1 && test -e /tmp/%1").arg(name));
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/") + name));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/dev/shm/") + name));
    }

    void engineSecretIsInvisible()
    {
        const QByteArray value = uniqueToken(QStringLiteral("engine-key-")).toUtf8();
        qputenv("DELEGATE_TEST_ENGINE_API_KEY", value);
        // Control: a child of the engine outside the sandbox sees it.
        QVERIFY(
            runOnHost({ QStringLiteral("/usr/bin/printenv"), QStringLiteral("DELEGATE_TEST_ENGINE_API_KEY") })
                .contains(value));
        const ExecResult printed =
            runInFreshWorkspace(QStringLiteral("printenv DELEGATE_TEST_ENGINE_API_KEY"));
        const ExecResult searched =
            runInFreshWorkspace(QStringLiteral("env; cat /proc/*/environ | tr '\\0' '\\n'; true"));
        qunsetenv("DELEGATE_TEST_ENGINE_API_KEY");
        QVERIFY2(printed.exitCode != 0, qPrintable(describe(printed)));
        QVERIFY2(searched.succeeded(), qPrintable(describe(searched)));
        QVERIFY(!searched.stdoutData.contains(value));
        QVERIFY(searched.stdoutData.contains("HOME=/home/agent"));
        QVERIFY(searched.stdoutData.contains("TERM=dumb"));
    }

    // A guarded fork bomb: it stops by itself after 2000 children and reports
    // whether the kernel refused a fork before that.
    void forkBombIsContained()
    {
        const QString bomb =
            QStringLiteral("perl -e 'pipe(my $r, my $w) or die; for my $i (1..2000) { my $pid = fork(); "
                           "if (!defined $pid) { print \"refused at $i\\n\"; exit 0 } "
                           "if ($pid == 0) { close $w; <$r>; exit 0 } } print \"not refused\\n\"; exit 1'");
        const ExecResult result =
            runInFreshWorkspace(bomb, [](SandboxPolicy &policy) { policy.limits.maxProcesses = 40; });
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QVERIFY2(result.stdoutData.startsWith("refused at "), qPrintable(describe(result)));
        const int refusedAt = result.stdoutData.mid(11).trimmed().toInt();
        QVERIFY2(refusedAt > 1 && refusedAt <= 40, qPrintable(describe(result)));
        qInfo("fork bomb refused at child %d of 2000 (limit 40, engine uid %u)", refusedAt, ::geteuid());
    }

    void fileSizeLimit()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        SandboxPolicy policy = quickPolicy(workspace);
        policy.limits.maxFileSizeBytes = 1 << 20;
        auto session = prepare(policy);
        QVERIFY(session);
        const ExecResult small = run(*session, shell(QStringLiteral("head -c 524288 /dev/zero > small")));
        QVERIFY2(small.succeeded(), qPrintable(describe(small)));
        const ExecResult big = run(*session, shell(QStringLiteral("head -c 4194304 /dev/zero > big")));
        QVERIFY2(big.exitCode != 0, qPrintable(describe(big)));
        QCoro::waitFor(session->teardown());
        QCOMPARE(QFileInfo(workspace + QStringLiteral("/small")).size(), 524288);
        QVERIFY(QFileInfo(workspace + QStringLiteral("/big")).size() <= (1 << 20));
    }

    void tmpfsLimit_data()
    {
        QTest::addColumn<QString>("directory");
        QTest::addRow("tmp") << QStringLiteral("/tmp");
        QTest::addRow("home") << QStringLiteral("/home/agent");
        QTest::addRow("shm") << QStringLiteral("/dev/shm");
    }

    void tmpfsLimit()
    {
        QFETCH(QString, directory);
        const ExecResult result = runInFreshWorkspace(
            QStringLiteral("head -c 1048576 /dev/zero > %1/ok && head -c 8388608 /dev/zero > %1/fill")
                .arg(directory),
            [](SandboxPolicy &policy) {
                policy.limits.maxFileSizeBytes = 64 << 20;
                policy.limits.tmpSizeBytes = 2 << 20;
                policy.limits.homeSizeBytes = 2 << 20;
                policy.limits.shmSizeBytes = 2 << 20;
            });
        QVERIFY2(result.exitCode != 0, qPrintable(describe(result)));
        QVERIFY2(result.stderrData.contains("No space left on device"), qPrintable(describe(result)));
    }

    void memoryLimit()
    {
        const auto limit = [](SandboxPolicy &policy) {
            policy.limits.memoryBytes = qint64(512) << 20;
        };
        const ExecResult small =
            runInFreshWorkspace(QStringLiteral("python3 -c 'x = bytearray(32 << 20)'"), limit);
        QVERIFY2(small.succeeded(), qPrintable(describe(small)));
        const ExecResult big =
            runInFreshWorkspace(QStringLiteral("python3 -c 'x = bytearray(1 << 30)'"), limit);
        QVERIFY2(big.exitCode != 0, qPrintable(describe(big)));
        QVERIFY(big.stderrData.contains("MemoryError"));
    }

    void cpuLimit()
    {
        const ExecResult result = runInFreshWorkspace(
            QStringLiteral("while :; do :; done"), [](SandboxPolicy &policy) { policy.limits.cpuTime = 1s; });
        QVERIFY2(!result.timedOut, qPrintable(describe(result)));
        QVERIFY2(result.signal == SIGXCPU || result.signal == SIGKILL, qPrintable(describe(result)));
    }

    void wallTimeKillsWholeTree()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        SandboxPolicy policy = quickPolicy(workspace);
        policy.limits.wallTime = 3s;
        auto session = prepare(policy);
        QVERIFY(session);
        // A unique sleep duration names the detached grandchild on the host.
        const QByteArray marker =
            QByteArray::number(3600 + QRandomGenerator::global()->bounded(100000)) + ".5";
        auto task = session->exec(shell(QStringLiteral("(setsid sleep %1 > /dev/null 2>&1 &); sleep 3600")
                                            .arg(QString::fromLatin1(marker))));
        // Control: the grandchild really runs before the limit strikes.
        QTRY_VERIFY_WITH_TIMEOUT(hostHasProcessWithArgument(marker), 2500);
        const ExecResult result = QCoro::waitFor(task);
        QVERIFY2(result.timedOut, qPrintable(describe(result)));
        QCOMPARE(result.signal, SIGKILL);
        QTRY_VERIFY(!hostHasProcessWithArgument(marker));
        QCoro::waitFor(session->teardown());
    }

    // TIOCSTI pushes bytes into a terminal's input queue: a sandboxed command
    // holding the engine's terminal could type commands into the user's
    // shell. Needs a controlling terminal (ctest runs it under script(1)).
    void tiocstiIsBlocked()
    {
        const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
        if (tty < 0)
            QSKIP("no controlling terminal; the tst_localsandbox_tty test runs this under script(1)");
        ::close(tty);
        const QString inject =
            QStringLiteral("import fcntl, os, termios\n"
                           "for target in ['/dev/tty', 0, 1, 2]:\n"
                           "    try:\n"
                           "        fd = os.open(target, os.O_RDWR) if isinstance(target, str) else target\n"
                           "        fcntl.ioctl(fd, termios.TIOCSTI, b'#')\n"
                           "        print('INJECTED via', target)\n"
                           "    except OSError as error:\n"
                           "        print('refused via', target, error)\n");
        // Control: outside the sandbox, in the engine's session, it works.
        const QByteArray host =
            runOnHost({ QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"), inject });
        if (!host.contains("INJECTED"))
            QSKIP("TIOCSTI is disabled system-wide here (dev.tty.legacy_tiocsti=0); nothing to defend");
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(quickPolicy(workspace));
        QVERIFY(session);
        ExecRequest request;
        request.argv = { QStringLiteral("python3"), QStringLiteral("-c"), inject };
        const ExecResult result = run(*session, request);
        QCoro::waitFor(session->teardown());
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QVERIFY2(!result.stdoutData.contains("INJECTED"), qPrintable(describe(result)));
        QVERIFY(result.stdoutData.contains("refused via /dev/tty"));
    }

    void grantedMountsAndToolsAreReadOnly()
    {
        const QString data = m_workspaces->create(uniqueToken(QStringLiteral("data-")));
        const QString tools = m_workspaces->create(uniqueToken(QStringLiteral("tools-")));
        {
            QFile file(data + QStringLiteral("/input.txt"));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("granted data\n");
            QFile tool(tools + QStringLiteral("/delegate-test-tool"));
            QVERIFY(tool.open(QIODevice::WriteOnly));
            tool.write("#!/bin/sh\necho tool ran\n");
            tool.setPermissions(tool.permissions() | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
        }
        const ExecResult result = runInFreshWorkspace(
            QStringLiteral(
                "cat /opt/data/input.txt && delegate-test-tool && ! touch /opt/data/new 2>/dev/null "
                "&& ! touch '%1/new' 2>/dev/null")
                .arg(tools),
            [&](SandboxPolicy &policy) {
                policy.readOnlyMounts.append(SandboxMount { data, QStringLiteral("/opt/data") });
                policy.toolDirs.append(tools);
            });
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QCOMPARE(result.stdoutData, QByteArray("granted data\ntool ran\n"));
        QVERIFY(!QFileInfo::exists(data + QStringLiteral("/new")));
    }

    void buildsAndTestsAProject()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(quickPolicy(workspace));
        QVERIFY(session);
        const QList<std::pair<QString, QByteArray>> files = {
            { QStringLiteral("src/add.c"), "int add(int a, int b) { return a + b; }\n" },
            { QStringLiteral("src/main.c"),
              "#include <stdio.h>\n#include <stdlib.h>\nint add(int, int);\n"
              "int main(int argc, char **argv) { if (argc != 3) return 2;\n"
              "  printf(\"%d\\n\", add(atoi(argv[1]), atoi(argv[2]))); return 0; }\n" },
            { QStringLiteral("Makefile"),
              "CFLAGS ?= -O2 -Wall\nadd: src/main.o src/add.o\n\t$(CC) -o $@ $^\n"
              "test: add\n\tsh tests/run.sh\n.PHONY: test\n" },
            { QStringLiteral("tests/run.sh"),
              "set -e\ntest \"$(./add 2 3)\" = 5\ntest \"$(./add -1 1)\" = 0\n"
              "echo 'all tests passed'\n" },
        };
        for (const auto &[path, contents] : files) {
            const SandboxResult<void> written = QCoro::waitFor(session->writeFile(path, contents));
            QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        }
        ExecRequest request;
        request.argv = { QStringLiteral("make"), QStringLiteral("test") };
        const ExecResult result = run(*session, request);
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QVERIFY(result.stdoutData.contains("all tests passed"));
        const auto listed = QCoro::waitFor(session->listFiles(QString(), true));
        QVERIFY(listed.ok());
        QStringList paths;
        for (const SandboxFileEntry &entry : listed.value())
            paths.append(entry.path);
        QVERIFY2(paths.contains(QStringLiteral("add")) && paths.contains(QStringLiteral("src/add.o")),
                 qPrintable(paths.join(u' ')));
        QCoro::waitFor(session->teardown());
        QVERIFY(QFileInfo(workspace + QStringLiteral("/add")).isExecutable());
    }

    void grantedSecretIsUsableButRedacted()
    {
        const QString value = uniqueToken(QStringLiteral("tok-"));
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        SandboxPolicy policy = quickPolicy(workspace);
        policy.secrets.insert(QStringLiteral("MY_TOKEN"), value);
        auto session = prepare(policy);
        QVERIFY(session);

        QByteArray streamed;
        ExecRequest request =
            shell(QStringLiteral("printenv MY_TOKEN; test \"$MY_TOKEN\" = '%1' && echo match; "
                                 "printf '%s' \"$MY_TOKEN\" > token.txt; "
                                 "printf '%s' \"$MY_TOKEN\" >&2")
                      .arg(value));
        request.onOutput = [&streamed](SandboxStream, const QByteArray &chunk) {
            streamed += chunk;
        };
        const ExecResult result = run(*session, request);
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QCOMPARE(result.stdoutData, QByteArray("[redacted:MY_TOKEN]\nmatch\n"));
        QCOMPARE(result.stderrData, QByteArray("[redacted:MY_TOKEN]"));
        QVERIFY(!streamed.contains(value.toUtf8()));
        // What the engine reads back is redacted as well; the file itself is not.
        const auto read = QCoro::waitFor(session->readFile(QStringLiteral("token.txt")));
        QVERIFY(read.ok());
        QCOMPARE(read.value(), QByteArray("[redacted:MY_TOKEN]"));
        QCoro::waitFor(session->teardown());
        QFile file(workspace + QStringLiteral("/token.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), value.toUtf8());
    }

    void outputCapIsMarked()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(quickPolicy(workspace));
        QVERIFY(session);
        ExecRequest request = shell(QStringLiteral("head -c 100000 /dev/zero | tr '\\0' a; echo done >&2"));
        request.maxOutputBytes = 1000;
        QByteArray streamed;
        request.onOutput = [&streamed](SandboxStream, const QByteArray &chunk) {
            streamed += chunk;
        };
        const ExecResult result = run(*session, request);
        QCoro::waitFor(session->teardown());
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY(result.truncated);
        QCOMPARE(result.stdoutData, QByteArray(1000, 'a') + "\n" + ExecOutput::truncationMarker(1000));
        QVERIFY(result.stderrData.isEmpty());
        QCOMPARE(streamed, result.stdoutData);
    }

    void outputStreamsBeforeTheCommandEnds()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(quickPolicy(workspace));
        QVERIFY(session);
        // The command can only finish after the test has seen its first line
        // and answered by creating 'go'.
        ExecRequest request =
            shell(QStringLiteral("echo ready; i=0; while [ ! -e go ] && [ $i -lt 3000 ]; do sleep 0.01; "
                                 "i=$((i+1)); done; test -e go && echo done"));
        SandboxSession *raw = session.get();
        bool sawReady = false;
        request.onOutput = [&](SandboxStream stream, const QByteArray &chunk) {
            if (stream == SandboxStream::Stdout && chunk.contains("ready") && !sawReady) {
                sawReady = true;
                const SandboxResult<void> written =
                    QCoro::waitFor(raw->writeFile(QStringLiteral("go"), QByteArray()));
                if (!written)
                    qWarning("cannot write 'go': %s", qPrintable(written.error().message));
            }
        };
        const ExecResult result = run(*session, request);
        QCoro::waitFor(session->teardown());
        QVERIFY(sawReady);
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QCOMPARE(result.stdoutData, QByteArray("ready\ndone\n"));
    }

    void filesStayInTheWorkspace_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("expected"); // -1: success, else SandboxErrorCode
        const int outside = int(SandboxErrorCode::PathOutsideWorkspace);
        QTest::addRow("read dotdot") << QStringLiteral("../secret") << QStringLiteral("read") << outside;
        QTest::addRow("read absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("read") << outside;
        QTest::addRow("read hidden dotdot")
            << QStringLiteral("sub/../../x") << QStringLiteral("read") << outside;
        QTest::addRow("read absolute symlink")
            << QStringLiteral("to-passwd") << QStringLiteral("read") << outside;
        QTest::addRow("read relative escape")
            << QStringLiteral("to-parent/secret") << QStringLiteral("read") << outside;
        QTest::addRow("write through symlinked dir")
            << QStringLiteral("to-outside/planted") << QStringLiteral("write") << outside;
        QTest::addRow("list outside") << QStringLiteral("to-parent") << QStringLiteral("list") << outside;
        QTest::addRow("read inner symlink") << QStringLiteral("to-inner") << QStringLiteral("read") << -1;
        QTest::addRow("read fifo") << QStringLiteral("fifo") << QStringLiteral("read")
                                   << int(SandboxErrorCode::InvalidRequest);
        QTest::addRow("read missing")
            << QStringLiteral("nope") << QStringLiteral("read") << int(SandboxErrorCode::NotFound);
        QTest::addRow("write nested") << QStringLiteral("a/b/c.txt") << QStringLiteral("write") << -1;
    }

    void filesStayInTheWorkspace()
    {
        QFETCH(QString, path);
        QFETCH(QString, operation);
        QFETCH(int, expected);
        const QString parent = m_workspaces->create(uniqueToken(QStringLiteral("files-")));
        const QString workspace = parent + QStringLiteral("/ws");
        const QString outsideDir = parent + QStringLiteral("/outside");
        QVERIFY(QDir().mkpath(workspace + QStringLiteral("/sub")));
        QVERIFY(QDir().mkpath(outsideDir));
        QFile secret(parent + QStringLiteral("/secret"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("outside");
        secret.close();
        QFile inner(workspace + QStringLiteral("/sub/inner.txt"));
        QVERIFY(inner.open(QIODevice::WriteOnly));
        inner.write("inner");
        inner.close();
        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), workspace + QStringLiteral("/to-passwd")));
        QVERIFY(QFile::link(QStringLiteral(".."), workspace + QStringLiteral("/to-parent")));
        QVERIFY(QFile::link(outsideDir, workspace + QStringLiteral("/to-outside")));
        QVERIFY(
            ::symlink("sub/inner.txt", QFile::encodeName(workspace + QStringLiteral("/to-inner")).constData())
            == 0);
        QVERIFY(::mkfifo(QFile::encodeName(workspace + QStringLiteral("/fifo")).constData(), 0644) == 0);

        auto session = prepare(quickPolicy(workspace));
        QVERIFY(session);
        std::optional<SandboxError> error;
        if (operation == QLatin1String("read")) {
            const auto read = QCoro::waitFor(session->readFile(path));
            if (!read)
                error = read.error();
            else
                QCOMPARE(read.value(), QByteArray("inner"));
        } else if (operation == QLatin1String("write")) {
            const auto written = QCoro::waitFor(session->writeFile(path, "planted"));
            if (!written)
                error = written.error();
        } else {
            const auto listed = QCoro::waitFor(session->listFiles(path, false));
            if (!listed)
                error = listed.error();
        }
        QCoro::waitFor(session->teardown());
        if (expected < 0) {
            QVERIFY2(!error, error ? qPrintable(error->message) : "");
        } else {
            QVERIFY(error);
            QCOMPARE(int(error->code), expected);
            QVERIFY(error->message.contains(path));
        }
        QVERIFY(!QFileInfo::exists(outsideDir + QStringLiteral("/planted")));
    }

    void teardownKillsRunningCommands()
    {
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        auto session = prepare(quickPolicy(workspace));
        QVERIFY(session);
        const QByteArray marker =
            QByteArray::number(3600 + QRandomGenerator::global()->bounded(100000)) + ".25";
        auto task = session->exec(shell(QStringLiteral("sleep %1").arg(QString::fromLatin1(marker))));
        QTRY_VERIFY(hostHasProcessWithArgument(marker));
        QCoro::waitFor(session->teardown());
        QVERIFY(!hostHasProcessWithArgument(marker));
        const ExecResult result = QCoro::waitFor(task);
        QVERIFY2(result.cancelled, qPrintable(describe(result)));
        QVERIFY(!result.timedOut);
        const ExecResult after = run(*session, shell(QStringLiteral("true")));
        QVERIFY(after.error);
        QCOMPARE(after.error->code, SandboxErrorCode::SessionClosed);
    }

    void workspaceOwnershipIsHandedBack()
    {
        if (m_sandbox->commandHostUid() == ::geteuid())
            QSKIP("the engine is not root here: commands run as the engine's own user");
        const QString workspace = m_workspaces->create(uniqueToken(QStringLiteral("ws-")));
        QFile existing(workspace + QStringLiteral("/existing"));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.close();
        auto session = prepare(quickPolicy(workspace));
        QVERIFY(session);
        QCOMPARE(QFileInfo(workspace + QStringLiteral("/existing")).ownerId(), m_sandbox->commandHostUid());
        const ExecResult result =
            run(*session,
                shell(QStringLiteral("echo x > existing && mkdir -p made && echo y > made/new && "
                                     "cp /bin/true made/setid && chmod 6755 made/setid")));
        QVERIFY2(result.succeeded(), qPrintable(describe(result)));
        QCoro::waitFor(session->teardown());
        for (const QString &name : { QStringLiteral("existing"), QStringLiteral("made"),
                                     QStringLiteral("made/new"), QStringLiteral("made/setid") })
            QCOMPARE(QFileInfo(workspace + u'/' + name).ownerId(), ::geteuid());
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(workspace + QStringLiteral("/made/setid")).constData(), &st), 0);
        QCOMPARE(st.st_mode & (S_ISUID | S_ISGID), mode_t(0));
    }

    void unreachableWorkspaceIsExplained()
    {
        if (m_sandbox->commandHostUid() == ::geteuid())
            QSKIP("the engine is not root here: the workspace is the engine user's own");
        QTemporaryDir privateDir; // 0700 root: the command user cannot pass through
        QVERIFY(privateDir.isValid());
        const QString workspace = privateDir.filePath(QStringLiteral("ws"));
        QVERIFY(QDir().mkpath(workspace));
        auto prepared = QCoro::waitFor(m_sandbox->prepare(quickPolicy(workspace)));
        QVERIFY(!prepared.ok());
        QVERIFY2(prepared.error().message.contains(QLatin1String("setfacl")),
                 qPrintable(prepared.error().message));
        QVERIFY(prepared.error().message.contains(privateDir.path()));
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestLocalSandbox)
#include "tst_localsandbox.moc"
