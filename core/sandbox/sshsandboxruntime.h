// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/bwrapcommand.h"
#include "sandbox/sshclient.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace delegate {

// What an SshSandbox found out about its host, shared with its sessions.
struct SshSandboxRuntime
{
    std::shared_ptr<SshClient> client;
    QString remoteRoot; // where sessions live on the host
    QString etcDir; // the sandbox's /etc there
    BwrapCommand command; // bwrap's options for that host's layout
    QString bwrapPath;
    QString timeoutPath;
    QString prlimitPath;
    // Put before bwrap: drops to the unprivileged user when the remote login
    // is root, and sets no_new_privs.
    QStringList runAs;
    QString treeOwner; // "uid:gid" the workspace is handed to on the host; empty: the login user
    QString localGitDir; // an empty repository for applying patches locally
};

} // namespace delegate
