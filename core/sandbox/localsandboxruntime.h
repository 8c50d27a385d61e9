// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/bwrapcommand.h"
#include "sandbox/childprocesssetup.h"
#include "sandbox/sandboxetc.h"

#include <QString>

#include <sys/types.h>

#include <memory>

namespace delegate {

// What a LocalSandbox found out about this host, shared with its sessions.
struct LocalSandboxRuntime
{
    QString bwrapPath;
    QString prlimitPath;
    std::shared_ptr<SandboxEtc> etc;
    BwrapCommand command;
    bool switchUser = false; // the engine is root: commands run as hostUid/hostGid instead
    uid_t hostUid = 0; // who sandboxed commands are on this host
    gid_t hostGid = 0;
    uid_t engineUid = 0;
    gid_t engineGid = 0;
    bool noNewPrivileges = true;

    ChildProcessSetup childSetup() const
    {
        ChildProcessSetup setup;
        if (switchUser)
            setup.switchUser(hostUid, hostGid);
        setup.setNoNewPrivileges(noNewPrivileges);
        return setup;
    }
};

} // namespace delegate
