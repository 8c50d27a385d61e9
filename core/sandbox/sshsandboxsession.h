// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/confinedfiles.h"
#include "sandbox/sandboxsession.h"
#include "sandbox/secretredactor.h"

#include <QList>
#include <QPointer>

#include <memory>

class QProcess;

namespace delegate {

struct SshSandboxRuntime;

// An SshSandbox session. Commands run on the host, each in its own bwrap
// there; after each one the workspace's changes are brought back into the
// local workspace (policy().workspaceDir), so reads and listings are served
// locally, confined as in the local sandbox, and the local tree always holds
// everything done so far.
class SshSandboxSession final : public SandboxSession
{
    Q_OBJECT
public:
    // remoteDir: the session's directory on the host (its tree is the
    // remote workspace).
    SshSandboxSession(std::shared_ptr<const SshSandboxRuntime> runtime, SandboxPolicy policy,
                      QString remoteDir, QObject *parent = nullptr);
    ~SshSandboxSession() override;

    const SandboxPolicy &policy() const override { return m_policy; }
    QString remoteDir() const { return m_remoteDir; }

    QCoro::Task<ExecResult> exec(ExecRequest request) override;
    QCoro::Task<SandboxResult<QByteArray>> readFile(QString path) override;
    QCoro::Task<SandboxResult<void>> writeFile(QString path, QByteArray data) override;
    QCoro::Task<SandboxResult<QList<SandboxFileEntry>>> listFiles(QString directory, bool recursive) override;
    QCoro::Task<void> teardown() override;

Q_SIGNALS:
    void commandsDrained();

private:
    friend class RemoteCommand;

    QCoro::Task<ExecResult> runRemote(ExecRequest request);
    QCoro::Task<std::optional<SandboxError>> applyLocally(QByteArray diff);
    SandboxError hostLost(const QString &what);
    void hangUpAll();

    std::shared_ptr<const SshSandboxRuntime> m_runtime;
    SandboxPolicy m_policy; // workspaceDir: the local workspace
    QString m_remoteDir;
    SecretRedactor m_redactor;
    ConfinedFiles m_files;
    QList<QProcess *> m_running; // owned by the exec() coroutines
    int m_nextId = 1;
    int m_active = 0;
    bool m_closed = false;
    bool m_lost = false;
    bool m_removed = false;
};

} // namespace delegate
