// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <array>

namespace delegate {

// What the child does between fork and exec of bwrap: resource limits, the
// descriptors it may keep, and, when the engine runs as root, the switch to an
// unprivileged host user. apply() runs in the forked child of a threaded
// program, so it uses async-signal-safe system calls only and allocates
// nothing.
class ChildProcessSetup final
{
public:
    void setLimit(int resource, rlim_t value);
    void inheritFd(int fd);
    void switchUser(uid_t uid, gid_t gid);
    void setNoNewPrivileges(bool on) { m_noNewPrivileges = on; }

    void apply() const noexcept;

private:
    struct Limit
    {
        int resource = 0;
        rlim_t value = 0;
    };

    std::array<Limit, 8> m_limits {};
    int m_limitCount = 0;
    std::array<int, 8> m_fds {};
    int m_fdCount = 0;
    bool m_switchUser = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    bool m_noNewPrivileges = false;
};

} // namespace delegate
