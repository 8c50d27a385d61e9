// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandboxresult.h"

#include <QString>

#include <sys/types.h>

namespace delegate {

// Hands a directory tree from one host user to another: every entry owned by
// `from` becomes owned by `to`; entries of anyone else stay as they are.
// Symlinks are changed themselves and never followed, and set-user/group-ID
// bits are cleared on the way so that nothing written inside a sandbox comes
// back as a privileged program. Only for trees no process is using.
class TreeOwnership final
{
public:
    static SandboxResult<void> handOver(const QString &root, uid_t from, uid_t to, gid_t toGroup);
};

} // namespace delegate
