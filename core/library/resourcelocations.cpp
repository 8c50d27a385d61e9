// SPDX-License-Identifier: GPL-3.0-or-later
#include "resourcelocations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace delegate {

QStringList ResourceLocations::directories(const QString &relativePath)
{
    QStringList roots;
    const QStringList xdg = QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation);
    for (const QString &dir : xdg)
        roots.append(dir + u"/delegate");
    roots.append(QStringLiteral(DELEGATE_INSTALLED_DATA_DIR));
    if (QCoreApplication::instance())
        roots.append(QCoreApplication::applicationDirPath() + u"/../share/delegate");
    roots.append(QStringLiteral(DELEGATE_SOURCE_RESOURCES_DIR));

    QStringList found;
    for (const QString &root : std::as_const(roots)) {
        const QFileInfo info(root + u'/' + relativePath);
        if (!info.isDir())
            continue;
        const QString canonical = info.canonicalFilePath();
        if (!found.contains(canonical))
            found.append(canonical);
    }
    return found;
}

} // namespace delegate
