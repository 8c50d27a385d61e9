// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace delegate {

// The files and paths a task file refers to, read the way delegatectl submit
// and batch and the composer read them: relative to the task file, since the
// engine that runs the task may run in another directory or on another machine.
class TaskFiles final
{
public:
    // Where to look for the environment a task names: NAME.yaml beside the
    // task file, then ../environments/NAME.yaml from it.
    static QStringList environmentCandidates(const QString &taskFile, const QString &name);
};

} // namespace delegate
