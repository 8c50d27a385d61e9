// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspacepatch.h"

#include <QByteArray>
#include <QList>

namespace delegate {

// Reads `git diff -z --numstat` and `git diff -z --name-status` of the same
// diff into one list of per-file stats.
class PatchStats final
{
public:
    static QList<PatchFileStat> parse(const QByteArray &numstat, const QByteArray &nameStatus);
};

} // namespace delegate
