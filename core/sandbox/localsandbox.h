// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandbox.h"

#include <sys/types.h>

#include <memory>
#include <optional>

namespace delegate {

struct LocalSandboxRuntime;

struct LocalSandboxOptions
{
    QString bwrapPath; // empty: "bwrap" found on PATH
    // When the engine runs as root, sandboxed commands run as this host user
    // instead: as root the kernel would never apply the process limit, and a
    // root-owned process tree is the wrong thing to hand an agent anyway. Pick
    // an id no account uses.
    uid_t hostUidWhenRoot = 65533;
    gid_t hostGidWhenRoot = 65533;
};

// Runs commands on this machine inside bubblewrap: new user, pid, ipc, uts
// (and, unless granted, network) namespaces; the system read-only; the
// workspace read-write at /workspace; private /tmp and home; nothing else of
// the host. Every command gets its own namespaces, so nothing a command
// starts outlives it. See docs/sandbox.md for the security model.
class LocalSandbox final : public Sandbox
{
    Q_OBJECT
public:
    explicit LocalSandbox(LocalSandboxOptions options = {}, QObject *parent = nullptr);
    ~LocalSandbox() override;

    QCoro::Task<SandboxResult<void>> probe() override;
    QCoro::Task<SandboxResult<std::unique_ptr<SandboxSession>>> prepare(SandboxPolicy policy) override;

    // The host user sandboxed commands run as (the engine's own unless root).
    uid_t commandHostUid() const;
    gid_t commandHostGid() const;

    // Turns bwrap's complaint from a failed start into an actionable error.
    static SandboxError explainBwrapFailure(const QString &bwrapStderr, bool switchesUser, uid_t hostUid);

private:
    std::optional<SandboxError> checkReachable(const QString &path, bool needWrite) const;

    std::shared_ptr<LocalSandboxRuntime> m_runtime;
    bool m_probed = false;
};

} // namespace delegate
