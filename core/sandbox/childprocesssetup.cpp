// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/childprocesssetup.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstring>

namespace delegate {

namespace {

[[noreturn]] void fail(const char *what) noexcept
{
    // Reaches the command's stderr, where the session reports it.
    const char prefix[] = "delegate sandbox: child setup failed: ";
    (void)!::write(STDERR_FILENO, prefix, sizeof prefix - 1);
    (void)!::write(STDERR_FILENO, what, std::strlen(what));
    (void)!::write(STDERR_FILENO, "\n", 1);
    ::_exit(126);
}

} // namespace

void ChildProcessSetup::setLimit(int resource, rlim_t value)
{
    for (int i = 0; i < m_limitCount; ++i) {
        if (m_limits[size_t(i)].resource == resource) {
            m_limits[size_t(i)].value = value;
            return;
        }
    }
    if (m_limitCount < int(m_limits.size()))
        m_limits[size_t(m_limitCount++)] = Limit { resource, value };
}

void ChildProcessSetup::inheritFd(int fd)
{
    if (m_fdCount < int(m_fds.size()))
        m_fds[size_t(m_fdCount++)] = fd;
}

void ChildProcessSetup::switchUser(uid_t uid, gid_t gid)
{
    m_switchUser = true;
    m_uid = uid;
    m_gid = gid;
}

void ChildProcessSetup::apply() const noexcept
{
    for (int i = 0; i < m_limitCount; ++i) {
        const rlimit limit { m_limits[size_t(i)].value, m_limits[size_t(i)].value };
        if (::setrlimit(m_limits[size_t(i)].resource, &limit) != 0)
            fail("setrlimit");
    }
    for (int i = 0; i < m_fdCount; ++i) {
        if (::fcntl(m_fds[size_t(i)], F_SETFD, 0) != 0)
            fail("fcntl F_SETFD");
    }
    if (m_switchUser) {
        if (::setgroups(0, nullptr) != 0)
            fail("setgroups");
        if (::setresgid(m_gid, m_gid, m_gid) != 0)
            fail("setresgid");
        if (::setresuid(m_uid, m_uid, m_uid) != 0)
            fail("setresuid");
    }
    // After the user switch, which clears it: bwrap must not outlive the engine.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        fail("prctl PR_SET_PDEATHSIG");
    if (m_noNewPrivileges && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        fail("prctl PR_SET_NO_NEW_PRIVS");
}

} // namespace delegate
