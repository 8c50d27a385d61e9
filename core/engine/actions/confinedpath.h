// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {

// A file path that must stay inside a directory: no absolute paths, no `..`
// that climbs out, and no symbolic link on the way that leads out.
struct ConfinedPath
{
    QString path; // absolute and clean, when problem is empty
    QString problem;

    static ConfinedPath resolve(const QString &directory, const QString &relative);
};

} // namespace delegate
