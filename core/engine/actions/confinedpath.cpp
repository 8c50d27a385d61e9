// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/confinedpath.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

bool isInside(const QString &path, const QString &directory)
{
    return path == directory || path.startsWith(directory.endsWith(u'/') ? directory : directory + u'/');
}

ConfinedPath refuse(const QString &problem)
{
    return ConfinedPath { {}, problem };
}

} // namespace

ConfinedPath ConfinedPath::resolve(const QString &directory, const QString &relative)
{
    if (directory.isEmpty())
        return refuse(u"parameters.directory is missing: name the directory the file goes into"_s);
    if (!QDir::isAbsolutePath(directory))
        return refuse(u"parameters.directory: '%1' is not an absolute path"_s.arg(directory));
    const QFileInfo directoryInfo(directory);
    if (!directoryInfo.isDir())
        return refuse(
            u"parameters.directory: %1 is not an existing directory; create it first"_s.arg(directory));
    if (relative.isEmpty())
        return refuse(u"parameters.path is missing: name the file, relative to %1"_s.arg(directory));
    if (QDir::isAbsolutePath(relative) || relative.startsWith(u'~'))
        return refuse(
            u"parameters.path: '%1' must be relative to %2, not absolute"_s.arg(relative, directory));
    if (relative.contains(QChar(0)) || relative.contains(u'\\'))
        return refuse(
            u"parameters.path: '%1' holds characters a file name here may not have"_s.arg(relative));

    const QString root = QDir::cleanPath(directoryInfo.absoluteFilePath());
    const QString target = QDir::cleanPath(root + u'/' + relative);
    if (!isInside(target, root) || target == root)
        return refuse(u"parameters.path: '%1' leads out of %2; give a path inside it"_s.arg(relative, root));

    // A symbolic link inside the directory may point anywhere: compare where
    // the deepest existing ancestor really is.
    const QString canonicalRoot = directoryInfo.canonicalFilePath();
    QString existing = QFileInfo(target).path();
    while (!QFileInfo::exists(existing) && existing != root)
        existing = QFileInfo(existing).path();
    const QString canonicalExisting = QFileInfo(existing).canonicalFilePath();
    if (canonicalExisting.isEmpty() || !isInside(canonicalExisting, canonicalRoot))
        return refuse(
            u"parameters.path: '%1' goes through a symbolic link that leads out of %2"_s.arg(relative, root));
    if (!QFileInfo(existing).isDir())
        return refuse(
            u"parameters.path: %1 is a file, so '%2' cannot be created below it"_s.arg(existing, relative));
    const QFileInfo targetInfo(target);
    if (targetInfo.isSymLink())
        return refuse(
            u"parameters.path: %1 is a symbolic link; Delegate does not write through links"_s.arg(target));
    if (targetInfo.isDir())
        return refuse(u"parameters.path: %1 is a directory; name a file"_s.arg(target));
    return ConfinedPath { target, {} };
}

} // namespace delegate
