// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/treeownership.h"

#include <QFile>
#include <QList>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace delegate {

namespace {

SandboxError ownershipError(const QString &root, int error)
{
    return SandboxError { SandboxErrorCode::Io,
                          QStringLiteral("cannot change the owner of files in '%1': %2")
                              .arg(root, QString::fromLocal8Bit(std::strerror(error))) };
}

// Changes one entry, named relative to parentFd, and clears its set-ID bits.
bool handOverEntry(int parentFd, const char *name, const struct stat &st, uid_t from, uid_t to, gid_t toGroup)
{
    if (S_ISREG(st.st_mode) && (st.st_mode & (S_ISUID | S_ISGID))) {
        if (::fchmodat(parentFd, name, st.st_mode & 07777 & ~mode_t(S_ISUID | S_ISGID), 0) != 0)
            return false;
    }
    if (st.st_uid != from)
        return true;
    return ::fchownat(parentFd, name, to, toGroup, AT_SYMLINK_NOFOLLOW) == 0;
}

} // namespace

SandboxResult<void> TreeOwnership::handOver(const QString &root, uid_t from, uid_t to, gid_t toGroup)
{
    const QByteArray rootPath = QFile::encodeName(root);
    struct stat rootStat;
    if (::lstat(rootPath.constData(), &rootStat) != 0)
        return ownershipError(root, errno);
    if (!S_ISDIR(rootStat.st_mode))
        return SandboxError { SandboxErrorCode::InvalidPolicy,
                              QStringLiteral("'%1' is not a directory").arg(root) };
    if (rootStat.st_uid == from && ::lchown(rootPath.constData(), to, toGroup) != 0)
        return ownershipError(root, errno);

    QList<int> pending;
    const int rootFd = ::open(rootPath.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (rootFd < 0)
        return ownershipError(root, errno);
    pending.append(rootFd);
    int failure = 0;
    while (!pending.isEmpty() && failure == 0) {
        const int fd = pending.takeLast();
        DIR *dir = ::fdopendir(fd);
        if (!dir) {
            failure = errno;
            ::close(fd);
            break;
        }
        while (dirent *ent = ::readdir(dir)) {
            if (std::strcmp(ent->d_name, ".") == 0 || std::strcmp(ent->d_name, "..") == 0)
                continue;
            struct stat st;
            if (::fstatat(::dirfd(dir), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            if (!handOverEntry(::dirfd(dir), ent->d_name, st, from, to, toGroup)) {
                failure = errno;
                break;
            }
            if (S_ISDIR(st.st_mode)) {
                const int child =
                    ::openat(::dirfd(dir), ent->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (child < 0) {
                    failure = errno;
                    break;
                }
                pending.append(child);
            }
        }
        ::closedir(dir);
    }
    for (int fd : pending)
        ::close(fd);
    if (failure != 0)
        return ownershipError(root, failure);
    return {};
}

} // namespace delegate
