// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace delegate {

using namespace Qt::StringLiterals;

QStringList TaskFiles::environmentCandidates(const QString &taskFile, const QString &name)
{
    const QDir folder = QFileInfo(taskFile).absoluteDir();
    const QString file = name + u".yaml"_s;
    return { QDir::cleanPath(folder.filePath(file)),
             QDir::cleanPath(folder.filePath(u"../environments/"_s + file)) };
}

bool TaskFiles::isLocalPath(const QString &repository)
{
    if (repository.contains(u"://"_s))
        return false;
    // scp-like syntax as git reads it: [user@]host:path, with no slash before the colon.
    static const QRegularExpression scpLike(uR"(^[^/:]+:)"_s);
    return !scpLike.match(repository).hasMatch();
}

QString TaskFiles::resolveRepository(const QString &repository, const QString &baseDirectory)
{
    if (repository.isEmpty() || !isLocalPath(repository))
        return repository;
    QString path = repository;
    if (path == u"~"_s || path.startsWith(u"~/"_s))
        path = QDir::homePath() + path.mid(1);
    return QDir::cleanPath(QDir(baseDirectory).absoluteFilePath(path));
}

} // namespace delegate
