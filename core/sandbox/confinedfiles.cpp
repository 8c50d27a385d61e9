// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/confinedfiles.h"

#include <QFile>

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace delegate {

namespace {

class Fd final
{
public:
    explicit Fd(int fd = -1)
        : m_fd(fd)
    { }
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(Fd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    { }
    Fd &operator=(Fd &&other) noexcept
    {
        if (this != &other) {
            if (m_fd >= 0)
                ::close(m_fd);
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

int openBeneath(int dirFd, const QByteArray &path, int flags, mode_t mode = 0)
{
    open_how how {};
    how.flags = quint64(flags | O_CLOEXEC);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    const QByteArray target = path.isEmpty() ? QByteArrayLiteral(".") : path;
    int fd;
    do {
        fd = int(::syscall(SYS_openat2, dirFd, target.constData(), &how, sizeof how));
    } while (fd < 0 && errno == EINTR);
    return fd;
}

SandboxError errnoError(int error, const QString &path, const QString &action)
{
    switch (error) {
    case EXDEV:
    case ELOOP:
        return SandboxError { SandboxErrorCode::PathOutsideWorkspace,
                              QStringLiteral(
                                  "cannot %1 '%2': it resolves outside the workspace (through '..' or a "
                                  "symlink); use a path inside the workspace")
                                  .arg(action, path) };
    case ENOENT:
        return SandboxError {
            SandboxErrorCode::NotFound,
            QStringLiteral("cannot %1 '%2': no such file or directory in the workspace").arg(action, path)
        };
    case ENOSYS:
        return SandboxError { SandboxErrorCode::Unsupported,
                              QStringLiteral(
                                  "cannot %1 '%2': the kernel lacks openat2 (Linux 5.6 or newer is needed)")
                                  .arg(action, path) };
    default:
        return SandboxError { SandboxErrorCode::Io,
                              QStringLiteral("cannot %1 '%2': %3")
                                  .arg(action, path, QString::fromLocal8Bit(std::strerror(error))) };
    }
}

SandboxFileEntry::Type entryType(mode_t mode)
{
    if (S_ISREG(mode))
        return SandboxFileEntry::Type::File;
    if (S_ISDIR(mode))
        return SandboxFileEntry::Type::Directory;
    if (S_ISLNK(mode))
        return SandboxFileEntry::Type::Symlink;
    return SandboxFileEntry::Type::Other;
}

} // namespace

ConfinedFiles::ConfinedFiles(QString root, std::optional<Owner> newFilesOwner)
    : m_root(std::move(root))
    , m_owner(newFilesOwner)
{ }

SandboxResult<QString> ConfinedFiles::checkRelativePath(const QString &path)
{
    if (path.contains(QChar(u'\0')))
        return SandboxError { SandboxErrorCode::InvalidRequest, QStringLiteral("path contains a NUL byte") };
    if (path.startsWith(u'/'))
        return SandboxError {
            SandboxErrorCode::PathOutsideWorkspace,
            QStringLiteral("'%1' is absolute; give a path relative to the workspace").arg(path)
        };
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    QStringList kept;
    for (const QString &part : parts) {
        if (part == QLatin1String(".."))
            return SandboxError {
                SandboxErrorCode::PathOutsideWorkspace,
                QStringLiteral("'%1' contains '..'; give a path inside the workspace without '..'").arg(path)
            };
        if (part != QLatin1String("."))
            kept.append(part);
    }
    return kept.join(u'/');
}

SandboxResult<QByteArray> ConfinedFiles::read(const QString &path) const
{
    auto checked = checkRelativePath(path);
    if (!checked)
        return checked.error();
    const Fd root(::open(QFile::encodeName(m_root).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root.valid())
        return errnoError(errno, m_root, QStringLiteral("open the workspace"));
    // O_NONBLOCK: a FIFO planted in the workspace must not hang the engine.
    const Fd fd(openBeneath(root.get(), QFile::encodeName(checked.value()), O_RDONLY | O_NONBLOCK));
    if (!fd.valid())
        return errnoError(errno, path, QStringLiteral("read"));
    struct stat st;
    if (::fstat(fd.get(), &st) != 0)
        return errnoError(errno, path, QStringLiteral("read"));
    if (!S_ISREG(st.st_mode))
        return SandboxError { SandboxErrorCode::InvalidRequest,
                              QStringLiteral("cannot read '%1': not a regular file").arg(path) };
    if (st.st_size > maxReadBytes)
        return SandboxError { SandboxErrorCode::InvalidRequest,
                              QStringLiteral(
                                  "cannot read '%1': %2 bytes is over the %3-byte limit for one read")
                                  .arg(path)
                                  .arg(st.st_size)
                                  .arg(maxReadBytes) };
    QByteArray data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(errno, path, QStringLiteral("read"));
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > maxReadBytes)
            return SandboxError { SandboxErrorCode::InvalidRequest,
                                  QStringLiteral("cannot read '%1': it grew over the read limit").arg(path) };
    }
    return data;
}

SandboxResult<void> ConfinedFiles::write(const QString &path, const QByteArray &data) const
{
    auto checked = checkRelativePath(path);
    if (!checked)
        return checked.error();
    if (checked.value().isEmpty())
        return SandboxError { SandboxErrorCode::InvalidRequest,
                              QStringLiteral("cannot write the workspace root itself") };
    Fd dir(::open(QFile::encodeName(m_root).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid())
        return errnoError(errno, m_root, QStringLiteral("open the workspace"));

    const QStringList parts = checked.value().split(u'/');
    // Each directory is opened beneath the previous one, never by full path.
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const QByteArray name = QFile::encodeName(parts.at(i));
        Fd next(openBeneath(dir.get(), name, O_PATH | O_DIRECTORY));
        if (!next.valid() && errno == ENOENT) {
            if (::mkdirat(dir.get(), name.constData(), 0755) != 0 && errno != EEXIST)
                return errnoError(errno, path, QStringLiteral("create the directories of"));
            if (m_owner
                && ::fchownat(dir.get(), name.constData(), m_owner->uid, m_owner->gid, AT_SYMLINK_NOFOLLOW)
                    != 0)
                return errnoError(errno, path, QStringLiteral("hand over the directories of"));
            next = Fd(openBeneath(dir.get(), name, O_PATH | O_DIRECTORY));
        }
        if (!next.valid())
            return errnoError(errno, path, QStringLiteral("write"));
        dir = std::move(next);
    }

    const Fd fd(
        openBeneath(dir.get(), QFile::encodeName(parts.constLast()), O_WRONLY | O_CREAT | O_NONBLOCK, 0644));
    if (!fd.valid())
        return errnoError(errno, path, QStringLiteral("write"));
    struct stat st;
    if (::fstat(fd.get(), &st) != 0)
        return errnoError(errno, path, QStringLiteral("write"));
    if (!S_ISREG(st.st_mode))
        return SandboxError { SandboxErrorCode::InvalidRequest,
                              QStringLiteral("cannot write '%1': not a regular file").arg(path) };
    if (::ftruncate(fd.get(), 0) != 0)
        return errnoError(errno, path, QStringLiteral("write"));
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd.get(), data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(errno, path, QStringLiteral("write"));
        written += n;
    }
    if (m_owner && ::fchown(fd.get(), m_owner->uid, m_owner->gid) != 0)
        return errnoError(errno, path, QStringLiteral("hand over"));
    return {};
}

SandboxResult<QList<SandboxFileEntry>> ConfinedFiles::list(const QString &directory, bool recursive) const
{
    auto checked = checkRelativePath(directory);
    if (!checked)
        return checked.error();
    const Fd root(::open(QFile::encodeName(m_root).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root.valid())
        return errnoError(errno, m_root, QStringLiteral("open the workspace"));
    Fd start(openBeneath(root.get(), QFile::encodeName(checked.value()), O_RDONLY | O_DIRECTORY));
    if (!start.valid())
        return errnoError(errno, directory, QStringLiteral("list"));

    QList<SandboxFileEntry> entries;
    struct Pending
    {
        int fd;
        QString prefix;
    };
    QList<Pending> pending { { start.release(), checked.value() } };
    std::optional<SandboxError> failure;
    while (!pending.isEmpty()) {
        const Pending current = pending.takeLast();
        DIR *dir = ::fdopendir(current.fd);
        if (!dir) {
            ::close(current.fd);
            failure = errnoError(errno, current.prefix, QStringLiteral("list"));
            break;
        }
        while (dirent *ent = ::readdir(dir)) {
            const char *name = ent->d_name;
            if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
                continue;
            if (recursive && std::strcmp(name, ".git") == 0)
                continue;
            struct stat st;
            if (::fstatat(::dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue; // gone meanwhile
            const QString fileName = QFile::decodeName(name);
            const QString relative = current.prefix.isEmpty() ? fileName : current.prefix + u'/' + fileName;
            entries.append(SandboxFileEntry { relative, entryType(st.st_mode), qint64(st.st_size) });
            if (entries.size() > maxListEntries) {
                failure = SandboxError { SandboxErrorCode::InvalidRequest,
                                         QStringLiteral(
                                             "'%1' holds more than %2 entries; list a subdirectory instead")
                                             .arg(directory.isEmpty() ? QStringLiteral(".") : directory)
                                             .arg(maxListEntries) };
                break;
            }
            if (recursive && S_ISDIR(st.st_mode)) {
                const int child =
                    ::openat(::dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (child >= 0)
                    pending.append(Pending { child, relative });
            }
        }
        ::closedir(dir);
        if (failure)
            break;
    }
    for (const Pending &left : pending)
        ::close(left.fd);
    if (failure)
        return *failure;
    std::sort(entries.begin(), entries.end(),
              [](const SandboxFileEntry &a, const SandboxFileEntry &b) { return a.path < b.path; });
    return entries;
}

} // namespace delegate
