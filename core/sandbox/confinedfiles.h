// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandboxfileentry.h"
#include "sandbox/sandboxresult.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <sys/types.h>

#include <optional>

namespace delegate {

// File access confined to one directory tree on this host. Every path is
// resolved by the kernel beneath the root (openat2 RESOLVE_BENEATH), so '..'
// and symlinks pointing outside fail however they are built, and nothing is
// followed past the root even if the tree changes meanwhile.
class ConfinedFiles final
{
public:
    struct Owner
    {
        uid_t uid;
        gid_t gid;
    };

    // newFilesOwner: who files and directories created here belong to (the
    // sandbox's host user when it differs from the engine's).
    explicit ConfinedFiles(QString root, std::optional<Owner> newFilesOwner = std::nullopt);

    static constexpr qint64 maxReadBytes = qint64(64) << 20;
    static constexpr int maxListEntries = 20000;

    SandboxResult<QByteArray> read(const QString &path) const;
    SandboxResult<void> write(const QString &path, const QByteArray &data) const;
    SandboxResult<QList<SandboxFileEntry>> list(const QString &directory, bool recursive) const;

    // Rejects what is never a workspace-relative path: absolute paths, '..'
    // components, NUL bytes. Returns the cleaned path ("" for the root).
    static SandboxResult<QString> checkRelativePath(const QString &path);

private:
    QString m_root;
    std::optional<Owner> m_owner;
};

} // namespace delegate
