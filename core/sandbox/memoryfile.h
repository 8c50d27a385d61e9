// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace delegate {

// An anonymous in-memory file (memfd) to hand data to a child process by file
// descriptor: bwrap's arguments (so secrets never show on a command line),
// generated /etc files, and the status bwrap writes back. Closed on exec
// unless the child setup lets it through.
class MemoryFile final
{
public:
    MemoryFile() = default;
    ~MemoryFile();
    MemoryFile(const MemoryFile &) = delete;
    MemoryFile &operator=(const MemoryFile &) = delete;
    MemoryFile(MemoryFile &&other) noexcept;
    MemoryFile &operator=(MemoryFile &&other) noexcept;

    // Returns an invalid file (fd() < 0) when the kernel refuses.
    static MemoryFile create(const char *name, const QByteArray &contents = {});

    bool isValid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    QByteArray readAll() const; // from offset 0, whatever the current offset
    void close();

private:
    int m_fd = -1;
};

} // namespace delegate
