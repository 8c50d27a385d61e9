// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandboxpolicy.h"

#include <QDir>
#include <QFileInfo>

namespace delegate {

namespace {

SandboxError policyError(const QString &message)
{
    return SandboxError { SandboxErrorCode::InvalidPolicy, message };
}

bool hasNul(const QString &text)
{
    return text.contains(QChar(u'\0'));
}

bool isCleanAbsolute(const QString &path)
{
    return path.startsWith(u'/') && QDir::cleanPath(path) == path && !hasNul(path);
}

// Places a read-only mount must not cover: they hold the sandbox's own
// plumbing, and covering them would hide or replace it.
bool isReservedSandboxPath(const QString &path)
{
    static const QStringList reserved = { QStringLiteral("/"),       QStringLiteral("/proc"),
                                          QStringLiteral("/dev"),    QStringLiteral("/usr"),
                                          QStringLiteral("/etc"),    SandboxPolicy::workspacePath(),
                                          SandboxPolicy::homePath(), QStringLiteral("/tmp") };
    for (const QString &r : reserved) {
        if (path == r)
            return true;
    }
    // /etc and /usr are read-only binds: nothing new can be mounted inside.
    return path.startsWith(QLatin1String("/proc/")) || path.startsWith(QLatin1String("/dev/"))
        || path.startsWith(QLatin1String("/etc/"));
}

} // namespace

SandboxPolicy SandboxPolicy::forWorkspace(const QString &workspaceDir)
{
    SandboxPolicy policy;
    policy.workspaceDir = workspaceDir;
    return policy;
}

QMap<QString, QString> SandboxPolicy::baseEnvironment() const
{
    QMap<QString, QString> env;
    QString path = basePath();
    for (auto it = toolDirs.crbegin(); it != toolDirs.crend(); ++it)
        path = QDir::cleanPath(*it) + u':' + path;
    env.insert(QStringLiteral("PATH"), path);
    env.insert(QStringLiteral("HOME"), homePath());
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("TERM"), QStringLiteral("dumb"));
    // Python checks its bytecode cache by the source's mtime in whole seconds
    // and its size: an agent that edits a file and reruns the tests within
    // the same second would run the old code. Without the cache it cannot,
    // and no __pycache__ folders end up in the run's patch.
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

bool SandboxPolicy::isValidVariableName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool letter = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(letter || (digit && i > 0)))
            return false;
    }
    return true;
}

std::optional<SandboxError> SandboxPolicy::validate() const
{
    if (workspaceDir.isEmpty())
        return policyError(
            QStringLiteral("the sandbox policy has no workspace directory; set workspaceDir to the "
                           "run's workspace"));
    const QFileInfo ws(workspaceDir);
    if (!ws.isAbsolute() || hasNul(workspaceDir))
        return policyError(
            QStringLiteral("workspace directory '%1' must be an absolute path").arg(workspaceDir));
    if (!ws.isDir())
        return policyError(
            QStringLiteral("workspace directory '%1' does not exist or is not a directory; create "
                           "it before preparing a session")
                .arg(workspaceDir));
    if (QDir::cleanPath(ws.canonicalFilePath()) == QStringLiteral("/"))
        return policyError(QStringLiteral("the workspace cannot be the root directory '/'"));

    for (const SandboxMount &mount : readOnlyMounts) {
        if (!QFileInfo(mount.hostPath).isAbsolute() || hasNul(mount.hostPath))
            return policyError(QStringLiteral("read-only mount source '%1' must be an absolute host path")
                                   .arg(mount.hostPath));
        if (!QFileInfo::exists(mount.hostPath))
            return policyError(
                QStringLiteral("read-only mount source '%1' does not exist on the host").arg(mount.hostPath));
        if (!isCleanAbsolute(mount.sandboxPath))
            return policyError(
                QStringLiteral("read-only mount target '%1' must be a clean absolute path such as "
                               "/opt/data")
                    .arg(mount.sandboxPath));
        if (isReservedSandboxPath(mount.sandboxPath) || mount.sandboxPath.startsWith(QLatin1String("/usr/")))
            return policyError(
                QStringLiteral("read-only mount target '%1' would cover a directory the sandbox "
                               "provides itself; choose another path such as /opt/<name>")
                    .arg(mount.sandboxPath));
    }
    for (const QString &dir : toolDirs) {
        if (!isCleanAbsolute(dir) || !QFileInfo(dir).isDir())
            return policyError(
                QStringLiteral("tool directory '%1' must be an existing absolute host directory").arg(dir));
        if (isReservedSandboxPath(dir) || dir.contains(u':'))
            return policyError(
                QStringLiteral(
                    "tool directory '%1' cannot be bound into the sandbox (reserved path or ':' in "
                    "it); /usr/bin and the like are on PATH already")
                    .arg(dir));
    }
    for (auto it = environment.cbegin(); it != environment.cend(); ++it) {
        if (!isValidVariableName(it.key()) || hasNul(it.value()))
            return policyError(
                QStringLiteral("environment variable '%1' has an invalid name or a NUL in its value; "
                               "names are letters, digits and '_'")
                    .arg(it.key()));
    }
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (!isValidVariableName(it.key()) || hasNul(it.value()))
            return policyError(
                QStringLiteral("secret '%1' has an invalid name or a NUL in its value; names are "
                               "letters, digits and '_'")
                    .arg(it.key()));
        if (it.value().isEmpty())
            return policyError(
                QStringLiteral("secret '%1' is empty; grant it with its value or drop it").arg(it.key()));
    }
    if (network.mode == SandboxNetworkMode::Allowlist && network.allowedHosts.isEmpty())
        return policyError(QStringLiteral("network mode 'allowlist' needs at least one allowed host"));
    if (limits.wallTime.count() <= 0)
        return policyError(
            QStringLiteral("limits.wallTime must be positive; every command needs a wall-time bound"));
    if (limits.cpuTime.count() < 0 || limits.memoryBytes < 0 || limits.maxProcesses < 0
        || limits.maxFileSizeBytes < 0 || limits.maxOutputBytes < 0 || limits.tmpSizeBytes < 0
        || limits.homeSizeBytes < 0 || limits.shmSizeBytes < 0)
        return policyError(QStringLiteral("sandbox limits cannot be negative; use 0 for 'no limit'"));
    return std::nullopt;
}

} // namespace delegate
