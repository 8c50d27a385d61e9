// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandbox.h"
#include "sandbox/sshclient.h"

#include <QMap>

#include <sys/types.h>

#include <memory>

namespace delegate {

struct SshSandboxRuntime;

struct SshSandboxOptions
{
    SshHostOptions ssh;
    // Where sessions live on the host. Empty: ~/.cache/delegate/remote of
    // the remote user, or /var/tmp/delegate-remote when that user is root.
    QString remoteRoot;
    // When the remote user is root, commands run as this unprivileged uid
    // there (as the local sandbox does): the kernel never applies the
    // process limit to root.
    uid_t hostUidWhenRoot = 65533;
    gid_t hostGidWhenRoot = 65533;
};

// The sandbox on another host, reached with the system OpenSSH client: the
// same bubblewrap policy as LocalSandbox, applied there. A session's
// workspace is copied to the host when it starts; after every command the
// changes come back as a git diff and are applied to the local workspace,
// which stays the record: a host that goes away loses at most the command
// that was running. See docs/sandbox.md.
class SshSandbox final : public Sandbox
{
    Q_OBJECT
public:
    explicit SshSandbox(SshSandboxOptions options, QObject *parent = nullptr);
    ~SshSandbox() override;

    const SshSandboxOptions &options() const { return m_options; }

    // Connects, checks that bwrap, git, tar, setpriv, prlimit and timeout
    // are there and that bwrap can create its namespaces, and prepares the
    // sandbox's /etc on the host.
    QCoro::Task<SandboxResult<void>> probe() override;
    QCoro::Task<SandboxResult<std::unique_ptr<SandboxSession>>> prepare(SandboxPolicy policy) override;

    // How busy the host is (its 1-minute load average), or an error when it
    // cannot be reached.
    QCoro::Task<SandboxResult<double>> load();

private:
    QCoro::Task<SandboxResult<void>> probeHost();

    SshSandboxOptions m_options;
    std::shared_ptr<SshSandboxRuntime> m_runtime;
    bool m_probed = false;
};

} // namespace delegate
