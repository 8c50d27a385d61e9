// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/memoryfile.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace delegate {

MemoryFile::~MemoryFile()
{
    close();
}

MemoryFile::MemoryFile(MemoryFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{ }

MemoryFile &MemoryFile::operator=(MemoryFile &&other) noexcept
{
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

MemoryFile MemoryFile::create(const char *name, const QByteArray &contents)
{
    MemoryFile file;
    file.m_fd = ::memfd_create(name, MFD_CLOEXEC);
    if (file.m_fd < 0)
        return file;
    qsizetype written = 0;
    while (written < contents.size()) {
        const ssize_t n =
            ::write(file.m_fd, contents.constData() + written, size_t(contents.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            file.close();
            return file;
        }
        written += n;
    }
    if (::lseek(file.m_fd, 0, SEEK_SET) != 0)
        file.close();
    return file;
}

QByteArray MemoryFile::readAll() const
{
    QByteArray data;
    if (m_fd < 0)
        return data;
    char buffer[4096];
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(m_fd, buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        data.append(buffer, n);
        offset += n;
    }
    return data;
}

void MemoryFile::close()
{
    if (m_fd >= 0)
        ::close(std::exchange(m_fd, -1));
}

} // namespace delegate
