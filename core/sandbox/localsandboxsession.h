// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/confinedfiles.h"
#include "sandbox/sandboxsession.h"
#include "sandbox/secretredactor.h"

#include <QList>
#include <QPointer>
#include <QProcess>

#include <memory>

namespace delegate {

struct LocalSandboxRuntime;
class CommandTree;

// A LocalSandbox session: each exec() is one bwrap instance with its own
// namespaces. File operations run on the host, confined beneath the workspace.
class LocalSandboxSession final : public SandboxSession
{
    Q_OBJECT
public:
    LocalSandboxSession(std::shared_ptr<const LocalSandboxRuntime> runtime, SandboxPolicy policy,
                        QObject *parent = nullptr);
    ~LocalSandboxSession() override;

    const SandboxPolicy &policy() const override { return m_policy; }

    QCoro::Task<ExecResult> exec(ExecRequest request) override;
    QCoro::Task<SandboxResult<QByteArray>> readFile(QString path) override;
    QCoro::Task<SandboxResult<void>> writeFile(QString path, QByteArray data) override;
    QCoro::Task<SandboxResult<QList<SandboxFileEntry>>> listFiles(QString directory, bool recursive) override;
    QCoro::Task<void> teardown() override;

    // What every sandbox refuses before running anything: an empty command,
    // NUL bytes, invalid variable names, a working directory outside the
    // workspace, negative limits.
    static std::optional<SandboxError> validate(const ExecRequest &request);

Q_SIGNALS:
    void commandsDrained();

private:
    friend class ActiveCommand;
    friend class CommandTree;

    void killAll();
    void handBackWorkspace();

    std::shared_ptr<const LocalSandboxRuntime> m_runtime;
    SandboxPolicy m_policy;
    SecretRedactor m_redactor;
    ConfinedFiles m_files;
    QList<CommandTree *> m_running; // owned by the exec() coroutines
    int m_active = 0;
    bool m_closed = false;
    bool m_handedBack = false;
};

} // namespace delegate
