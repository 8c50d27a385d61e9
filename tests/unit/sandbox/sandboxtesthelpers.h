// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/localsandbox.h"

#include <QCoro/QCoroTask>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUuid>

#include <sys/stat.h>

#include <memory>

namespace delegate::testing {

// Workspaces under a temporary directory that the sandbox's host user can
// pass through (when the engine runs as root, commands run as another uid).
class SandboxWorkspaces final
{
public:
    SandboxWorkspaces() { ::chmod(QFile::encodeName(m_dir.path()).constData(), 0711); }

    bool isValid() const { return m_dir.isValid(); }
    QString root() const { return m_dir.path(); }

    QString create(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(path);
        return path;
    }

private:
    QTemporaryDir m_dir;
};

inline QString uniqueToken(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(16);
}

inline SandboxPolicy quickPolicy(const QString &workspace)
{
    SandboxPolicy policy = SandboxPolicy::forWorkspace(workspace);
    policy.limits.wallTime = std::chrono::seconds(60);
    policy.limits.maxProcesses = 128;
    return policy;
}

inline ExecRequest shell(const QString &script)
{
    ExecRequest request;
    request.argv = { QStringLiteral("/bin/sh"), QStringLiteral("-c"), script };
    return request;
}

} // namespace delegate::testing
