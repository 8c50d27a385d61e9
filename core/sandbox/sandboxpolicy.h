// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandboxerror.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace delegate {

enum class SandboxNetworkMode {
    // Own network namespace with only a loopback interface: no route out, and
    // the host's loopback services are out of reach too.
    None,
    // Shares the host's network.
    Full,
    // Reserved for the egress proxy: the sandbox keeps no route out and reaches
    // only allowedHosts through a proxy socket bound into it. Sandboxes reject
    // it until that proxy exists.
    Allowlist,
};

struct SandboxNetwork
{
    SandboxNetworkMode mode = SandboxNetworkMode::None;
    QStringList allowedHosts; // only for Allowlist
};

// A host path visible read-only at sandboxPath.
struct SandboxMount
{
    QString hostPath;
    QString sandboxPath;
};

// Zero means "no limit" everywhere except wallTime, which every policy needs.
struct SandboxLimits
{
    std::chrono::seconds cpuTime { 600 };
    qint64 memoryBytes = qint64(4) << 30; // address space per process
    int maxProcesses = 256;
    qint64 maxFileSizeBytes = qint64(1) << 30;
    qint64 maxOutputBytes = qint64(1) << 20; // stdout and stderr together, per command
    std::chrono::milliseconds wallTime { std::chrono::minutes(10) }; // per command
    qint64 tmpSizeBytes = qint64(512) << 20;
    qint64 homeSizeBytes = qint64(256) << 20;
    qint64 shmSizeBytes = qint64(64) << 20;
};

// Everything a sandboxed command may see and use. Whatever the policy does not
// grant is absent: the environment is rebuilt from it, and no host path other
// than the system directories, the workspace, the mounts and the tool
// directories is bound.
struct SandboxPolicy
{
    QString workspaceDir; // host path, read-write inside at SandboxPolicy::workspacePath
    QList<SandboxMount> readOnlyMounts;
    SandboxNetwork network;
    QMap<QString, QString> environment; // granted variables, on top of PATH, HOME, LANG, TERM
    QMap<QString, QString> secrets; // name -> value; set as variables, redacted from all output
    QStringList toolDirs; // host directories, bound read-only at the same path and put first on PATH
    SandboxLimits limits;

    static SandboxPolicy forWorkspace(const QString &workspaceDir);

    // Where things are inside the sandbox.
    static QString workspacePath() { return QStringLiteral("/workspace"); }
    static QString homePath() { return QStringLiteral("/home/agent"); }
    static QString basePath() { return QStringLiteral("/usr/local/bin:/usr/bin:/bin"); }
    static constexpr unsigned sandboxUid = 1000;
    static constexpr unsigned sandboxGid = 1000;

    // The variables a command starts with (secrets included, unredacted).
    QMap<QString, QString> baseEnvironment() const;

    std::optional<SandboxError> validate() const;

    static bool isValidVariableName(const QString &name);
};

} // namespace delegate
