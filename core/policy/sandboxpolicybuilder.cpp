// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxpolicybuilder.h"

#include "secretprovider.h"

#include "domain/environmentprofile.h"

#include <QDir>
#include <QFileInfo>

#include <limits>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString indexed(QLatin1StringView list, qsizetype index)
{
    return u"capabilities.%1[%2]"_s.arg(list).arg(index);
}

// Directories every command already has on PATH, as the host resolves them.
QStringList sandboxPathDirectories()
{
    QStringList directories;
    const QStringList entries = SandboxPolicy::basePath().split(u':', Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const QString canonical = QFileInfo(entry).canonicalFilePath();
        if (!canonical.isEmpty())
            directories.append(canonical);
    }
    return directories;
}

QString listOrNone(const QStringList &directories)
{
    return directories.isEmpty() ? u"(none)"_s : directories.join(u':');
}

qint64 scaled(qint64 value, int shift)
{
    const qint64 ceiling = std::numeric_limits<qint64>::max() >> shift;
    return std::min(value, ceiling) << shift;
}

} // namespace

QString PolicyProblem::toString() const
{
    return field.isEmpty() ? message : field + u": "_s + message;
}

QJsonObject PolicyProblem::toJson() const
{
    return { { QLatin1String("field"), field }, { QLatin1String("message"), message } };
}

SandboxPolicyBuilder::SandboxPolicyBuilder(const SecretProvider &secrets, ToolLocator tools)
    : m_secrets(secrets)
    , m_tools(std::move(tools))
{ }

PolicyBuild SandboxPolicyBuilder::build(const EnvironmentProfile &environment,
                                        const QString &workspaceDir) const
{
    PolicyBuild build;
    SandboxPolicy policy;
    const Capabilities &granted = environment.capabilities;

    mapWorkspace(environment, workspaceDir, policy, build);

    for (qsizetype i = 0; i < granted.mounts.size(); ++i) {
        const Mount &mount = granted.mounts.at(i);
        if (!QFileInfo::exists(mount.hostPath)) {
            build.problems.append(
                { indexed(QLatin1StringView("mounts"), i) + u".host"_s,
                  u"`%1` does not exist on this host; create it or remove the mount"_s.arg(mount.hostPath) });
            continue;
        }
        policy.readOnlyMounts.append(SandboxMount { mount.hostPath, mount.sandboxPath });
    }

    policy.network.mode = [&] {
        switch (granted.network.mode) {
        case NetworkAccess::Mode::None:
            return SandboxNetworkMode::None;
        case NetworkAccess::Mode::Allowlist:
            return SandboxNetworkMode::Allowlist;
        case NetworkAccess::Mode::Full:
            return SandboxNetworkMode::Full;
        }
        return SandboxNetworkMode::None;
    }();
    if (policy.network.mode == SandboxNetworkMode::Allowlist)
        policy.network.allowedHosts = granted.network.hosts;

    mapTools(granted.tools, policy, build);
    mapSecrets(granted.secrets, policy, build);
    policy.limits = limitsFor(environment.limits);

    if (build.problems.isEmpty()) {
        if (const std::optional<SandboxError> invalid = policy.validate())
            build.problems.append({ QString(), invalid->message });
        else
            build.policy = std::move(policy);
    }
    return build;
}

void SandboxPolicyBuilder::mapWorkspace(const EnvironmentProfile &environment, const QString &workspaceDir,
                                        SandboxPolicy &policy, PolicyBuild &build) const
{
    const QFileInfo workspace(workspaceDir);
    if (workspaceDir.isEmpty() || !workspace.isDir()) {
        build.problems.append(
            { QString(),
              u"the workspace `%1` is not a directory; give the checkout to run in"_s.arg(workspaceDir) });
        return;
    }
    policy.workspaceDir = QDir::cleanPath(workspace.absoluteFilePath());
    const QDir directory(policy.workspaceDir);
    const QFileInfoList entries = directory.entryInfoList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);

    switch (environment.capabilities.repository) {
    case Capabilities::RepositoryAccess::None:
        // Without repository access a command gets a scratch directory, never
        // somebody's checkout.
        if (!entries.isEmpty())
            build.problems.append(
                { u"capabilities.repository"_s,
                  u"the environment grants no repository access, so its commands run in an empty workspace, "
                  "but `%1` holds %2 entries (such as `%3`); give an empty directory, or grant `repository: "
                  "read`"_s.arg(policy.workspaceDir)
                      .arg(entries.size())
                      .arg(entries.constFirst().fileName()) });
        break;
    case Capabilities::RepositoryAccess::Read: {
        // The policy binds the workspace read-write and has no read-only
        // switch for it, and a read-only mount at /workspace itself is
        // refused as covering the sandbox's own directory. Every entry of the
        // workspace is therefore mounted read-only over itself: existing
        // files and directories (.git included) cannot change.
        QStringList symlinks;
        QStringList others;
        for (const QFileInfo &entry : entries) {
            // A symlink's target would be resolved on the host when bound:
            // binding it could expose what it points to.
            if (entry.isSymLink())
                symlinks.append(entry.fileName());
            else if (entry.isDir() || entry.isFile())
                policy.readOnlyMounts.append(SandboxMount {
                    entry.filePath(), SandboxPolicy::workspacePath() + u'/' + entry.fileName() });
            else
                others.append(entry.fileName());
        }
        build.caveats.append(
            u"repository: read: every file and directory of the workspace is read-only, but new files can "
            "still be created at its top level (the sandbox cannot mount the workspace read-only as a whole yet)"_s);
        if (!symlinks.isEmpty() || !others.isEmpty())
            build.caveats.append(
                u"repository: read: these top-level entries are not protected and can be replaced: %1"_s.arg(
                    (symlinks + others).join(u", "_s)));
        break;
    }
    case Capabilities::RepositoryAccess::Write:
        break;
    }
}

void SandboxPolicyBuilder::mapTools(const QStringList &tools, SandboxPolicy &policy, PolicyBuild &build) const
{
    static const QStringList onPathAlready = sandboxPathDirectories();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QString &tool = tools.at(i);
        const QString field = indexed(QLatin1StringView("tools"), i);
        if (!ToolLocator::isValidName(tool)) {
            build.problems.append(
                { field,
                  u"`%1` is not a program name; name the program (such as `rg`) and put the directory that "
                  "holds it in the tool directories"_s.arg(tool) });
            continue;
        }
        const std::optional<QString> found = m_tools.locate(tool);
        if (!found) {
            QString searched = u"on PATH (%1)"_s.arg(listOrNone(m_tools.searchPath()));
            if (!m_tools.toolDirectories().isEmpty())
                searched = u"in the tool directories (%1) or %2"_s.arg(m_tools.toolDirectories().join(u':'),
                                                                       searched);
            build.problems.append(
                { field,
                  u"tool `%1` was not found %2; install it, add the directory that holds "
                  "it to the tool directories, or remove it from the environment"_s.arg(tool, searched) });
            continue;
        }
        const QString directory = QFileInfo(QFileInfo(*found).absolutePath()).canonicalFilePath();
        if (onPathAlready.contains(directory) || policy.toolDirs.contains(directory))
            continue;
        policy.toolDirs.append(directory);
    }
}

void SandboxPolicyBuilder::mapSecrets(const QStringList &secrets, SandboxPolicy &policy,
                                      PolicyBuild &build) const
{
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        const QString &name = secrets.at(i);
        const std::optional<QString> value = m_secrets.value(name);
        if (!value || value->isEmpty()) {
            build.problems.append(
                { indexed(QLatin1StringView("secrets"), i),
                  u"the secret `%1` is granted but has no value; %2"_s.arg(name, m_secrets.howToSet(name)) });
            continue;
        }
        policy.secrets.insert(name, *value);
    }
}

SandboxLimits SandboxPolicyBuilder::limitsFor(const ResourceLimits &limits)
{
    SandboxLimits mapped;
    if (limits.cpuTime)
        mapped.cpuTime = *limits.cpuTime;
    if (limits.memoryMb)
        mapped.memoryBytes = scaled(*limits.memoryMb, 20);
    if (limits.processes)
        mapped.maxProcesses = int(std::min<qint64>(*limits.processes, std::numeric_limits<int>::max()));
    if (limits.fileSizeMb)
        mapped.maxFileSizeBytes = scaled(*limits.fileSizeMb, 20);
    if (limits.outputKb)
        mapped.maxOutputBytes = scaled(*limits.outputKb, 10);
    if (limits.wallTime)
        mapped.wallTime = *limits.wallTime;
    return mapped;
}

} // namespace delegate
