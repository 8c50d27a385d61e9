// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/localsandbox.h"

#include "sandbox/localsandboxruntime.h"
#include "sandbox/localsandboxsession.h"
#include "sandbox/treeownership.h"

#include <QCoro/QCoroProcess>
#include <QCoro/QCoroSignal>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <chrono>

using namespace std::chrono_literals;

namespace delegate {

namespace {

QString readSysctl(const char *path)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("absent");
    return QString::fromLatin1(file.readAll().trimmed());
}

bool hasAcl(const QByteArray &path)
{
    return ::lgetxattr(path.constData(), "system.posix_acl_access", nullptr, 0) > 0;
}

// Whether uid/gid may use `mode` bits `want` (as rwx in the owner position) on st.
bool permits(const struct stat &st, uid_t uid, gid_t gid, int want)
{
    int bits;
    if (st.st_uid == uid)
        bits = (st.st_mode >> 6) & 7;
    else if (st.st_gid == gid)
        bits = (st.st_mode >> 3) & 7;
    else
        bits = st.st_mode & 7;
    return (bits & want) == want;
}

} // namespace

LocalSandbox::LocalSandbox(LocalSandboxOptions options, QObject *parent)
    : Sandbox(parent)
    , m_runtime(std::make_shared<LocalSandboxRuntime>())
{
    m_runtime->bwrapPath = options.bwrapPath.isEmpty()
        ? QStandardPaths::findExecutable(QStringLiteral("bwrap"))
        : options.bwrapPath;
    // Inside the sandbox /usr is the host's, so the host path works there too.
    const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
    m_runtime->prlimitPath = prlimit.startsWith(QLatin1String("/usr/")) ? prlimit : QString();
    m_runtime->etc = SandboxEtc::build();
    m_runtime->command = BwrapCommand::forThisHost(m_runtime->prlimitPath, m_runtime->etc->path());
    m_runtime->engineUid = ::geteuid();
    m_runtime->engineGid = ::getegid();
    m_runtime->switchUser = m_runtime->engineUid == 0 && options.hostUidWhenRoot != 0;
    m_runtime->hostUid = m_runtime->switchUser ? options.hostUidWhenRoot : m_runtime->engineUid;
    m_runtime->hostGid = m_runtime->switchUser ? options.hostGidWhenRoot : m_runtime->engineGid;
    // A setuid bwrap (some distributions) must keep its privileges.
    struct stat st;
    m_runtime->noNewPrivileges = !m_runtime->bwrapPath.isEmpty()
        && ::stat(QFile::encodeName(m_runtime->bwrapPath).constData(), &st) == 0 && !(st.st_mode & S_ISUID);
}

LocalSandbox::~LocalSandbox() = default;

uid_t LocalSandbox::commandHostUid() const
{
    return m_runtime->hostUid;
}

gid_t LocalSandbox::commandHostGid() const
{
    return m_runtime->hostGid;
}

SandboxError LocalSandbox::explainBwrapFailure(const QString &bwrapStderr, bool switchesUser, uid_t hostUid)
{
    const QString said = bwrapStderr.trimmed();
    const bool namespaces = said.contains(QLatin1String("No permissions to creat"))
        || said.contains(QLatin1String("Creating new namespace failed"))
        || said.contains(QLatin1String("setting up uid map"))
        || said.contains(QLatin1String("unshare failed"));
    if (namespaces) {
        QString message =
            QStringLiteral(
                "bubblewrap cannot create user namespaces on this machine (bwrap said: \"%1\"). Enable "
                "unprivileged user namespaces: 'sudo sysctl -w kernel.unprivileged_userns_clone=1' "
                "on kernels that have that switch (now: %2), and 'user.max_user_namespaces' must be "
                "above 0 (now: %3); on Ubuntu 23.10 and later also allow them for bwrap in AppArmor "
                "(kernel.apparmor_restrict_unprivileged_userns, now: %4).")
                .arg(said, readSysctl("/proc/sys/kernel/unprivileged_userns_clone"),
                     readSysctl("/proc/sys/user/max_user_namespaces"),
                     readSysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"));
        if (switchesUser)
            message +=
                QStringLiteral(" The engine runs as root and starts bwrap as uid %1 so that process limits "
                               "apply, which needs them too.")
                    .arg(hostUid);
        return SandboxError { SandboxErrorCode::UserNamespacesUnavailable, message };
    }
    if (said.contains(QLatin1String("Can't find source path"))
        && said.contains(QLatin1String("Permission denied")) && switchesUser)
        return SandboxError { SandboxErrorCode::SetupFailed,
                              QStringLiteral(
                                  "the sandbox cannot reach a path it should bind (bwrap said: \"%1\"). "
                                  "Commands run as host uid %2 because the engine runs as root; keep "
                                  "workspaces, mounts and tools under directories every user can "
                                  "traverse (e.g. /var/lib/delegate), or grant access with 'setfacl -m "
                                  "u:%2:x <dir>'.")
                                  .arg(said)
                                  .arg(hostUid) };
    return SandboxError { SandboxErrorCode::SetupFailed,
                          QStringLiteral("bubblewrap failed to set up the sandbox: %1").arg(said) };
}

QCoro::Task<SandboxResult<void>> LocalSandbox::probe()
{
    const std::shared_ptr<const LocalSandboxRuntime> runtime = m_runtime;
    if (runtime->bwrapPath.isEmpty() || !QFileInfo(runtime->bwrapPath).isExecutable())
        co_return SandboxError { SandboxErrorCode::BwrapMissing,
                                 QStringLiteral(
                                     "bubblewrap (bwrap) is not installed or not on PATH; install the "
                                     "Debian package bubblewrap: sudo apt-get install bubblewrap") };

    if (runtime->etc->path().isEmpty())
        co_return SandboxError { SandboxErrorCode::SetupFailed, runtime->etc->errorString() };

    QProcess process;
    process.setProgram(runtime->bwrapPath);
    process.setArguments(runtime->command.probeArguments());
    process.setWorkingDirectory(QStringLiteral("/"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    process.setProcessEnvironment(env);
    const ChildProcessSetup setup = runtime->childSetup();
    process.setChildProcessModifier([setup] { setup.apply(); });
    process.start();
    if (!co_await qCoro(process).waitForStarted(10s))
        co_return SandboxError {
            SandboxErrorCode::StartFailed,
            QStringLiteral("cannot start '%1': %2").arg(runtime->bwrapPath, process.errorString())
        };
    if (process.state() != QProcess::NotRunning)
        co_await qCoro(&process, &QProcess::finished, 10s);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(2000);
        co_return SandboxError { SandboxErrorCode::SetupFailed,
                                 QStringLiteral(
                                     "bubblewrap did not finish a trivial command within 10 seconds") };
    }
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0) {
        m_probed = true;
        co_return SandboxResult<void> {};
    }
    co_return explainBwrapFailure(QString::fromLocal8Bit(process.readAllStandardError()), runtime->switchUser,
                                  runtime->hostUid);
}

std::optional<SandboxError> LocalSandbox::checkReachable(const QString &path, bool needWrite) const
{
    const uid_t uid = m_runtime->hostUid;
    const gid_t gid = m_runtime->hostGid;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QString walked;
    const QStringList parts = absolute.split(u'/', Qt::SkipEmptyParts);
    QStringList ancestors { QStringLiteral("/") };
    for (const QString &part : parts) {
        walked += u'/' + part;
        ancestors.append(walked);
    }
    for (qsizetype i = 0; i < ancestors.size(); ++i) {
        const QByteArray native = QFile::encodeName(ancestors.at(i));
        struct stat st;
        if (::stat(native.constData(), &st) != 0)
            return std::nullopt; // bwrap reports missing paths itself
        const bool last = i == ancestors.size() - 1;
        int want = 1; // search
        if (last)
            want = S_ISDIR(st.st_mode) ? (needWrite ? 7 : 5) : (needWrite ? 6 : 4);
        if (!permits(st, uid, gid, want) && !hasAcl(native))
            return SandboxError {
                SandboxErrorCode::InvalidPolicy,
                QStringLiteral(
                    "the sandbox cannot reach '%1': '%2' (mode %3, owner uid %4) does not let host uid %5 "
                    "%6 it. Commands run as uid %5 because the engine runs as root; keep workspaces, "
                    "mounts and tools under directories every user can traverse (e.g. "
                    "/var/lib/delegate), or grant access with 'setfacl -m u:%5:%7 %2'.")
                    .arg(path, ancestors.at(i), QString::number(st.st_mode & 07777, 8))
                    .arg(st.st_uid)
                    .arg(uid)
                    .arg(last ? (needWrite ? QStringLiteral("write") : QStringLiteral("read"))
                              : QStringLiteral("pass through"),
                         last ? (needWrite ? QStringLiteral("rwx") : QStringLiteral("rx"))
                              : QStringLiteral("x"))
            };
    }
    return std::nullopt;
}

QCoro::Task<SandboxResult<std::unique_ptr<SandboxSession>>> LocalSandbox::prepare(SandboxPolicy policy)
{
    QPointer<LocalSandbox> self(this);
    if (auto invalid = policy.validate())
        co_return *invalid;
    if (policy.network.mode == SandboxNetworkMode::Allowlist)
        co_return SandboxError { SandboxErrorCode::Unsupported,
                                 QStringLiteral(
                                     "network mode 'allowlist' needs the egress proxy, which this version "
                                     "does not have yet; grant 'none' or 'full' network instead") };
    if (policy.limits.maxProcesses > 0 && m_runtime->prlimitPath.isEmpty())
        co_return SandboxError { SandboxErrorCode::InvalidPolicy,
                                 QStringLiteral("limits.maxProcesses needs prlimit in /usr (Debian package "
                                                "util-linux); install it or set maxProcesses to 0") };
    if (!m_probed) {
        const SandboxResult<void> probed = co_await probe();
        if (!probed)
            co_return probed.error();
        if (!self)
            co_return SandboxError { SandboxErrorCode::SessionClosed,
                                     QStringLiteral("the sandbox was destroyed") };
    }
    policy.workspaceDir = QFileInfo(policy.workspaceDir).canonicalFilePath();

    if (m_runtime->switchUser) {
        if (auto unreachable = checkReachable(policy.workspaceDir, false))
            co_return *unreachable;
        for (const SandboxMount &mount : std::as_const(policy.readOnlyMounts)) {
            if (auto unreachable = checkReachable(mount.hostPath, false))
                co_return *unreachable;
        }
        for (const QString &dir : std::as_const(policy.toolDirs)) {
            if (auto unreachable = checkReachable(dir, false))
                co_return *unreachable;
        }
        // The engine's files in the workspace become the command user's for
        // the session, and go back at teardown.
        const SandboxResult<void> handed = TreeOwnership::handOver(policy.workspaceDir, m_runtime->engineUid,
                                                                   m_runtime->hostUid, m_runtime->hostGid);
        if (!handed)
            co_return handed.error();
    }
    std::unique_ptr<SandboxSession> session =
        std::make_unique<LocalSandboxSession>(m_runtime, std::move(policy));
    co_return SandboxResult<std::unique_ptr<SandboxSession>>(std::move(session));
}

} // namespace delegate
