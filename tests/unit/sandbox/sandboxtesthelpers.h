// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/localsandbox.h"

#include <QCoro/QCoroTask>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
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

// Attacks that need no host-side set-up, each with a control that runs in
// the same kind of sandbox and must succeed, so a row cannot pass because
// the tool is merely missing. Shared by the local and the SSH sandbox tests.
inline void addAttackRows()
{
    QTest::addColumn<QString>("attack");
    QTest::addColumn<QString>("control");
    QTest::addRow("write /usr") << QStringLiteral("touch /usr/delegate-attack")
                                << QStringLiteral("touch /workspace/ok");
    QTest::addRow("write /etc") << QStringLiteral("echo x > /etc/delegate-attack")
                                << QStringLiteral("echo x > /workspace/ok");
    QTest::addRow("write the root") << QStringLiteral("mkdir /delegate-attack")
                                    << QStringLiteral("mkdir /workspace/ok");
    QTest::addRow("write /home") << QStringLiteral("touch /home/delegate-attack")
                                 << QStringLiteral("touch /home/agent/ok");
    QTest::addRow("list /root") << QStringLiteral("ls /root") << QStringLiteral("ls /usr");
    QTest::addRow("read ~/.ssh") << QStringLiteral("ls -a /root/.ssh") << QStringLiteral("ls -a /home/agent");
    QTest::addRow("read /etc/shadow")
        << QStringLiteral("cat /etc/shadow") << QStringLiteral("grep -q agent /etc/passwd");
    QTest::addRow("see /sys") << QStringLiteral("ls /sys/class/net") << QStringLiteral("ls /proc/self");
    QTest::addRow("routes out") << QStringLiteral("test \"$(wc -l < /proc/net/route)\" -gt 1")
                                << QStringLiteral("test -r /proc/net/route");
    QTest::addRow("resolve a name") << QStringLiteral("getent hosts example.com")
                                    << QStringLiteral("getent hosts localhost");
    QTest::addRow("mount") << QStringLiteral("mkdir -p m && mount -t tmpfs none m")
                           << QStringLiteral("mkdir -p m");
    QTest::addRow("nested user namespace")
        << QStringLiteral("unshare --user --map-root-user true") << QStringLiteral("true");
    QTest::addRow("create a device") << QStringLiteral("mknod dev-sda b 8 0")
                                     << QStringLiteral("mkfifo fifo");
    QTest::addRow("kernel tunables") << QStringLiteral("echo 1 > /proc/sys/kernel/sysrq")
                                     << QStringLiteral("cat /proc/sys/kernel/ostype");
    QTest::addRow("see host processes") << QStringLiteral("test \"$(ls -d /proc/[0-9]* | wc -l)\" -gt 8")
                                        << QStringLiteral("ls -d /proc/[0-9]*");
    QTest::addRow("become root") << QStringLiteral("test \"$(id -u)\" = 0 || grep -q 'CapEff:.*[1-9a-f]' "
                                                   "/proc/self/status")
                                 << QStringLiteral("test \"$(id -u)\" = 1000");
}

} // namespace delegate::testing
