// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace delegate {

struct PatchFileStat
{
    QString path; // new path for renames
    QString oldPath; // only for renames and copies
    QChar status; // A added, M modified, D deleted, R renamed, C copied, T type changed
    int added = 0; // lines; 0 for binary files
    int removed = 0;
    bool binary = false;
};

// A run's changes against its base commit, new, deleted and binary files
// included, as `git apply` takes them.
struct WorkspacePatch
{
    QString baseCommit;
    QByteArray diff; // git diff --binary
    QList<PatchFileStat> files;
    int insertions = 0;
    int deletions = 0;

    bool isEmpty() const { return files.isEmpty(); }
};

} // namespace delegate
