// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskfiles.h"

#include <QDir>
#include <QFileInfo>

namespace delegate {

using namespace Qt::StringLiterals;

QStringList TaskFiles::environmentCandidates(const QString &taskFile, const QString &name)
{
    const QDir folder = QFileInfo(taskFile).absoluteDir();
    const QString file = name + u".yaml"_s;
    return { QDir::cleanPath(folder.filePath(file)),
             QDir::cleanPath(folder.filePath(u"../environments/"_s + file)) };
}

} // namespace delegate
