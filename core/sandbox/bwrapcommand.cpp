// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/bwrapcommand.h"

#include <QDir>

#include <sys/stat.h>
#include <unistd.h>

namespace delegate {

namespace {

QString number(qint64 value)
{
    return QString::number(value);
}

} // namespace

BwrapCommand BwrapCommand::forThisHost(QString prlimitPath, QString etcDir)
{
    BwrapCommand command;
    command.m_prlimitPath = std::move(prlimitPath);
    command.m_etcDir = std::move(etcDir);
    // On merged-/usr systems these are symlinks into /usr, recreated inside
    // with the host's own (relative) target; elsewhere real directories that
    // are bound themselves.
    for (const char *name : { "bin", "sbin", "lib", "lib32", "lib64", "libx32" }) {
        const QByteArray path = QByteArray("/") + name;
        struct stat st;
        if (::lstat(path.constData(), &st) != 0)
            continue;
        if (S_ISLNK(st.st_mode)) {
            char target[4096];
            const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
            if (n > 0)
                command.m_rootEntries.append(
                    RootEntry { QString::fromLatin1(path), QString::fromLocal8Bit(target, qsizetype(n)) });
        } else if (S_ISDIR(st.st_mode)) {
            command.m_rootEntries.append(RootEntry { QString::fromLatin1(path), QString() });
        }
    }
    return command;
}

BwrapCommand BwrapCommand::forHost(QString prlimitPath, QString etcDir, QList<RootEntry> rootEntries)
{
    BwrapCommand command;
    command.m_prlimitPath = std::move(prlimitPath);
    command.m_etcDir = std::move(etcDir);
    command.m_rootEntries = std::move(rootEntries);
    return command;
}

void BwrapCommand::appendSystem(QStringList &args) const
{
    args << QStringLiteral("--ro-bind") << QStringLiteral("/usr") << QStringLiteral("/usr");
    for (const RootEntry &entry : m_rootEntries) {
        if (entry.symlinkTarget.isEmpty())
            args << QStringLiteral("--ro-bind") << entry.name << entry.name;
        else
            args << QStringLiteral("--symlink") << entry.symlinkTarget << entry.name;
    }
    args << QStringLiteral("--ro-bind") << m_etcDir << QStringLiteral("/etc");
}

QStringList BwrapCommand::probeArguments() const
{
    QStringList args { QStringLiteral("--unshare-user"), QStringLiteral("--unshare-pid"),
                       QStringLiteral("--unshare-net"),  QStringLiteral("--die-with-parent"),
                       QStringLiteral("--uid"),          number(SandboxPolicy::sandboxUid),
                       QStringLiteral("--gid"),          number(SandboxPolicy::sandboxGid) };
    appendSystem(args);
    args << QStringLiteral("--proc") << QStringLiteral("/proc") << QStringLiteral("--dev")
         << QStringLiteral("/dev") << QStringLiteral("--") << QStringLiteral("/usr/bin/true");
    return args;
}

BwrapInvocation BwrapCommand::invocation(const SandboxPolicy &policy, const ExecRequest &request,
                                         const QMap<QString, QString> &environment, const BwrapFds &fds) const
{
    const SandboxLimits &limits = policy.limits;
    QStringList args {
        QStringLiteral("--unshare-user"),
        // Nested user namespaces would make the command root somewhere and
        // widen what the kernel exposes to it.
        QStringLiteral("--disable-userns"),
        QStringLiteral("--unshare-pid"),
        QStringLiteral("--unshare-ipc"),
        QStringLiteral("--unshare-uts"),
        QStringLiteral("--unshare-cgroup-try"),
        QStringLiteral("--die-with-parent"),
        // A new session has no controlling terminal: TIOCSTI cannot push
        // keystrokes into the engine's terminal.
        QStringLiteral("--new-session"),
        QStringLiteral("--cap-drop"),
        QStringLiteral("ALL"),
        QStringLiteral("--uid"),
        number(SandboxPolicy::sandboxUid),
        QStringLiteral("--gid"),
        number(SandboxPolicy::sandboxGid),
        QStringLiteral("--hostname"),
        QStringLiteral("sandbox"),
    };
    const bool ownNetwork = policy.network.mode != SandboxNetworkMode::Full;
    if (ownNetwork)
        args << QStringLiteral("--unshare-net");

    appendSystem(args);
    if (!ownNetwork) {
        // Live, over the prepared copies: they change with the host's network.
        args << QStringLiteral("--ro-bind-try") << QStringLiteral("/etc/hosts")
             << QStringLiteral("/etc/hosts");
        args << QStringLiteral("--ro-bind-try") << QStringLiteral("/etc/resolv.conf")
             << QStringLiteral("/etc/resolv.conf");
    }

    args << QStringLiteral("--proc") << QStringLiteral("/proc") << QStringLiteral("--dev")
         << QStringLiteral("/dev");
    const auto tmpfs = [&args](const QString &path, const char *perms, qint64 size) {
        args << QStringLiteral("--perms") << QLatin1String(perms);
        if (size > 0)
            args << QStringLiteral("--size") << number(size);
        args << QStringLiteral("--tmpfs") << path;
    };
    tmpfs(QStringLiteral("/dev/shm"), "1777", limits.shmSizeBytes);
    tmpfs(QStringLiteral("/tmp"), "1777", limits.tmpSizeBytes);
    tmpfs(SandboxPolicy::homePath(), "0700", limits.homeSizeBytes);

    args << QStringLiteral("--bind") << policy.workspaceDir << SandboxPolicy::workspacePath();
    for (const SandboxMount &mount : policy.readOnlyMounts)
        args << QStringLiteral("--ro-bind") << mount.hostPath << mount.sandboxPath;
    for (const QString &dir : policy.toolDirs) {
        if (!dir.startsWith(QLatin1String("/usr/")))
            args << QStringLiteral("--ro-bind") << dir << dir;
    }
    // The root itself is bwrap's scratch tmpfs: without this the command could
    // fill memory through any path outside the mounts above.
    args << QStringLiteral("--remount-ro") << QStringLiteral("/");

    QString cwd = SandboxPolicy::workspacePath();
    if (!request.workingDirectory.isEmpty())
        cwd += u'/' + QDir::cleanPath(request.workingDirectory);
    args << QStringLiteral("--chdir") << cwd;

    args << QStringLiteral("--clearenv");
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        args << QStringLiteral("--setenv") << it.key() << it.value();

    args << QStringLiteral("--json-status-fd") << number(fds.status);

    QStringList command;
    // RLIMIT_NPROC counts per user per user namespace, so it is set inside the
    // sandbox's namespace where it counts this command's processes only.
    if (limits.maxProcesses > 0 && !m_prlimitPath.isEmpty())
        command << m_prlimitPath << QStringLiteral("--nproc=%1").arg(limits.maxProcesses)
                << QStringLiteral("--");
    command << request.argv;
    return BwrapInvocation { args, command };
}

QByteArray BwrapCommand::passwdContents()
{
    return QByteArrayLiteral("root:x:0:0:root:/root:/usr/sbin/nologin\n"
                             "agent:x:1000:1000:Delegate agent:/home/agent:/bin/sh\n"
                             "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
}

QByteArray BwrapCommand::groupContents()
{
    return QByteArrayLiteral("root:x:0:\nagent:x:1000:\nnogroup:x:65534:\n");
}

QByteArray BwrapCommand::hostsContents()
{
    return QByteArrayLiteral(
        "127.0.0.1\tlocalhost\n127.0.1.1\tsandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n");
}

} // namespace delegate
