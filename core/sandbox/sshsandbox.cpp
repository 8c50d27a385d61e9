// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sshsandbox.h"

#include "sandbox/sshremotescripts.h"
#include "sandbox/sshsandboxruntime.h"
#include "sandbox/sshsandboxsession.h"

#include <QCoro/QCoroProcess>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace std::chrono_literals;

namespace delegate {

namespace {

QMap<QString, QString> parseKeyValues(const QByteArray &text)
{
    QMap<QString, QString> values;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            values.insert(QString::fromUtf8(line.left(equals)), QString::fromUtf8(line.mid(equals + 1)));
    }
    return values;
}

QString firstLines(const QByteArray &text)
{
    return QString::fromLocal8Bit(text).trimmed().left(600);
}

// An empty repository: git applies the patches that come back from the host
// with it, so that the workspace's own .git file is never consulted.
std::shared_ptr<QTemporaryDir> makeApplyRepository()
{
    auto dir = std::make_shared<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/delegate-apply-XXXXXX"));
    if (dir->isValid()) {
        QProcess init;
        init.start(QStringLiteral("git"),
                   { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), dir->path() });
        init.waitForFinished(30000);
    }
    return dir;
}

} // namespace

SshSandbox::SshSandbox(SshSandboxOptions options, QObject *parent)
    : Sandbox(parent)
    , m_options(std::move(options))
    , m_runtime(std::make_shared<SshSandboxRuntime>())
{
    m_runtime->client = std::make_shared<SshClient>(m_options.ssh);
}

SshSandbox::~SshSandbox() = default;

QCoro::Task<SandboxResult<void>> SshSandbox::probe()
{
    QPointer<SshSandbox> self(this);
    const SandboxResult<void> probed = co_await probeHost();
    if (self && probed)
        m_probed = true;
    co_return probed;
}

QCoro::Task<SandboxResult<void>> SshSandbox::probeHost()
{
    const std::shared_ptr<SshSandboxRuntime> runtime = m_runtime;
    const SshSandboxOptions options = m_options;
    const QString host = options.ssh.host;
    SshClient &client = *runtime->client;
    // Named, never built inside a co_await (GCC 12 frees such temporaries twice).
    const QByteArray noInput;
    if (auto refused = co_await client.connect())
        co_return *refused;

    const QString probeCommand = sshscripts::probe(options.remoteRoot);
    const SshOutput probed = co_await client.run(probeCommand, noInput, 60s);
    if (probed.connectionFailed())
        co_return client.explain(probed.err);
    if (!probed.ok())
        co_return SandboxError {
            SandboxErrorCode::SetupFailed,
            QStringLiteral("looking at %1 failed: %2").arg(host, firstLines(probed.err))
        };
    const QMap<QString, QString> found = parseKeyValues(probed.out);

    if (found.value(QStringLiteral("tool.bwrap")).isEmpty())
        co_return SandboxError { SandboxErrorCode::BwrapMissing,
                                 QStringLiteral(
                                     "bubblewrap (bwrap) is not installed on %1 or not on the remote "
                                     "user's PATH; install it there: sudo apt-get install bubblewrap")
                                     .arg(host) };
    if (found.value(QStringLiteral("tool.git")).isEmpty())
        co_return SandboxError { SandboxErrorCode::ToolMissing,
                                 QStringLiteral(
                                     "git is not installed on %1 or not on the remote user's PATH; the "
                                     "SSH sandbox needs it there to bring changes back: sudo apt-get "
                                     "install git")
                                     .arg(host) };
    QStringList missing;
    for (const char *tool : { "tar", "setpriv", "prlimit", "timeout" }) {
        if (found.value(QStringLiteral("tool.") + QLatin1String(tool)).isEmpty())
            missing.append(QLatin1String(tool));
    }
    if (!missing.isEmpty())
        co_return SandboxError { SandboxErrorCode::ToolMissing,
                                 QStringLiteral(
                                     "%1 lacks %2; install them there (Debian packages tar, util-linux "
                                     "and coreutils)")
                                     .arg(host, missing.join(QStringLiteral(", "))) };

    runtime->bwrapPath = found.value(QStringLiteral("tool.bwrap"));
    runtime->timeoutPath = found.value(QStringLiteral("tool.timeout"));
    runtime->prlimitPath = found.value(QStringLiteral("tool.prlimit"));
    runtime->remoteRoot = found.value(QStringLiteral("root"));
    const bool root = found.value(QStringLiteral("uid")) == QLatin1String("0");
    const bool setuidBwrap = found.contains(QStringLiteral("bwrap.setuid"));
    runtime->runAs = QStringList { found.value(QStringLiteral("tool.setpriv")) };
    if (root && options.hostUidWhenRoot != 0) {
        runtime->runAs << QStringLiteral("--reuid=%1").arg(options.hostUidWhenRoot)
                       << QStringLiteral("--regid=%1").arg(options.hostGidWhenRoot)
                       << QStringLiteral("--clear-groups");
        runtime->treeOwner =
            QStringLiteral("%1:%2").arg(options.hostUidWhenRoot).arg(options.hostGidWhenRoot);
    }
    // A setuid bwrap (some distributions) must keep its privileges.
    if (!setuidBwrap)
        runtime->runAs << QStringLiteral("--no-new-privs");
    runtime->runAs << QStringLiteral("--");

    QList<BwrapCommand::RootEntry> entries;
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("link./")))
            entries.append({ it.key().mid(5), it.value() });
        else if (it.key().startsWith(QLatin1String("dir./")))
            entries.append({ it.key().mid(4), QString() });
    }

    const QString etcCommand = sshscripts::buildEtc(
        runtime->remoteRoot, QString::fromUtf8(BwrapCommand::passwdContents()),
        QString::fromUtf8(BwrapCommand::groupContents()), QString::fromUtf8(BwrapCommand::hostsContents()));
    const SshOutput etc = co_await client.run(etcCommand, noInput, 60s);
    if (etc.connectionFailed())
        co_return client.explain(etc.err);
    if (!etc.ok())
        co_return SandboxError { SandboxErrorCode::SetupFailed,
                                 QStringLiteral(
                                     "cannot prepare the sandbox's /etc under %1 on %2: %3; set the "
                                     "remote directory to one the remote user can write")
                                     .arg(runtime->remoteRoot, host, firstLines(etc.err)) };
    runtime->etcDir = QString::fromUtf8(etc.out).trimmed();
    runtime->command = BwrapCommand::forHost(runtime->prlimitPath, runtime->etcDir, entries);

    const QString bwrapTest = QStringLiteral("exec ")
        + SshClient::shellJoin(runtime->runAs + QStringList { runtime->bwrapPath }
                               + runtime->command.probeArguments());
    const SshOutput tried = co_await client.run(bwrapTest, noInput, 60s);
    if (tried.connectionFailed() && tried.exitCode == 255 && tried.err.contains("ssh:"))
        co_return client.explain(tried.err);
    if (!tried.ok()) {
        const QString said = firstLines(tried.err);
        co_return SandboxError {
            SandboxErrorCode::UserNamespacesUnavailable,
            QStringLiteral("bubblewrap cannot create its namespaces on %1 (bwrap said: \"%2\"). Enable "
                           "unprivileged user namespaces there: 'sudo sysctl -w "
                           "kernel.unprivileged_userns_clone=1' where that switch exists (now: %3), "
                           "'user.max_user_namespaces' must be above 0 (now: %4), and on Ubuntu 23.10 and "
                           "later AppArmor must allow them for bwrap (now: %5).")
                .arg(host, said, found.value(QStringLiteral("sysctl.unprivileged_userns_clone")),
                     found.value(QStringLiteral("sysctl.max_user_namespaces")),
                     found.value(QStringLiteral("sysctl.apparmor_restrict_unprivileged_userns")))
        };
    }
    if (runtime->localGitDir.isEmpty()) {
        static const std::shared_ptr<QTemporaryDir> applyRepository = makeApplyRepository();
        runtime->localGitDir = applyRepository->path();
    }
    co_return SandboxResult<void> {};
}

QCoro::Task<SandboxResult<double>> SshSandbox::load()
{
    const std::shared_ptr<SshSandboxRuntime> runtime = m_runtime;
    if (auto refused = co_await runtime->client->connect())
        co_return *refused;
    const QString loadCommand = QStringLiteral("cat /proc/loadavg");
    const QByteArray noInput;
    const SshOutput read = co_await runtime->client->run(loadCommand, noInput, 20s);
    if (!read.ok())
        co_return runtime->client->explain(read.err);
    bool number = false;
    const double value = QString::fromLatin1(read.out.split(' ').value(0)).toDouble(&number);
    if (!number)
        co_return SandboxError { SandboxErrorCode::Io,
                                 QStringLiteral("%1 did not report its load").arg(m_options.ssh.host) };
    co_return value;
}

QCoro::Task<SandboxResult<std::unique_ptr<SandboxSession>>> SshSandbox::prepare(SandboxPolicy policy)
{
    QPointer<SshSandbox> self(this);
    if (auto invalid = policy.validate())
        co_return *invalid;
    if (policy.network.mode == SandboxNetworkMode::Allowlist)
        co_return SandboxError { SandboxErrorCode::Unsupported,
                                 QStringLiteral(
                                     "network mode 'allowlist' needs the egress proxy, which this version "
                                     "does not have yet; grant 'none' or 'full' network instead") };
    if (!m_probed) {
        const SandboxResult<void> probed = co_await probe();
        if (!probed)
            co_return probed.error();
        if (!self)
            co_return SandboxError { SandboxErrorCode::SessionClosed,
                                     QStringLiteral("the sandbox was destroyed") };
    }
    const std::shared_ptr<SshSandboxRuntime> runtime = m_runtime;
    const QString host = m_options.ssh.host;
    // The shared connection may have gone since the probe (a host that was
    // lost and came back): open it again, or say why not.
    if (auto refused = co_await runtime->client->connect())
        co_return *refused;
    policy.workspaceDir = QFileInfo(policy.workspaceDir).canonicalFilePath();

    // The workspace travels as a tar stream straight into ssh: the tree as
    // it is now (the base commit, plus whatever an interrupted run had done),
    // without the worktree's .git file.
    QProcess tar;
    QProcess ssh;
    tar.setStandardOutputProcess(&ssh);
    tar.setWorkingDirectory(policy.workspaceDir);
    const QString sessionCommand = sshscripts::createSession(runtime->remoteRoot, runtime->treeOwner);
    ssh.start(runtime->client->program(), runtime->client->arguments(sessionCommand));
    tar.start(QStringLiteral("tar"),
              { QStringLiteral("-c"), QStringLiteral("-f"), QStringLiteral("-"),
                QStringLiteral("--exclude=./.git"), QStringLiteral(".") });
    if (!co_await qCoro(tar).waitForStarted(10s) || !co_await qCoro(ssh).waitForStarted(10s))
        co_return SandboxError {
            SandboxErrorCode::StartFailed,
            QStringLiteral("cannot start tar and ssh to copy the workspace to %1").arg(host)
        };
    if (tar.state() != QProcess::NotRunning)
        co_await qCoro(tar).waitForFinished(std::chrono::minutes(30));
    if (ssh.state() != QProcess::NotRunning)
        co_await qCoro(ssh).waitForFinished(std::chrono::minutes(5));
    if (ssh.state() != QProcess::NotRunning) {
        ssh.kill();
        ssh.waitForFinished(5000);
    }
    const QByteArray sshErr = ssh.readAllStandardError();
    if (ssh.exitStatus() != QProcess::NormalExit || ssh.exitCode() == 255)
        co_return runtime->client->explain(sshErr);
    if (tar.exitStatus() != QProcess::NormalExit || tar.exitCode() != 0 || ssh.exitCode() != 0)
        co_return SandboxError { SandboxErrorCode::SetupFailed,
                                 QStringLiteral("cannot copy the workspace %1 to %2: %3 %4")
                                     .arg(policy.workspaceDir, host, firstLines(tar.readAllStandardError()),
                                          firstLines(sshErr)) };
    const QString remoteDir = QString::fromUtf8(ssh.readAllStandardOutput()).trimmed();
    if (!remoteDir.startsWith(u'/'))
        co_return SandboxError {
            SandboxErrorCode::SetupFailed,
            QStringLiteral("%1 did not report the session directory it made").arg(host)
        };
    std::unique_ptr<SandboxSession> session =
        std::make_unique<SshSandboxSession>(runtime, std::move(policy), remoteDir);
    co_return SandboxResult<std::unique_ptr<SandboxSession>>(std::move(session));
}

} // namespace delegate
