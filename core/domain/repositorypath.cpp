// SPDX-License-Identifier: GPL-3.0-or-later
#include "repositorypath.h"

#include <QDir>
#include <QRegularExpression>

namespace delegate {

using namespace Qt::StringLiterals;

bool RepositoryPath::isLocal(const QString &repository)
{
    if (repository.contains(u"://"_s))
        return false;
    // scp-like syntax as git reads it: [user@]host:path, with no slash before the colon.
    static const QRegularExpression scpLike(uR"(^[^/:]+:)"_s);
    return !scpLike.match(repository).hasMatch();
}

QString RepositoryPath::resolve(const QString &repository, const QString &baseDirectory)
{
    if (repository.isEmpty() || !isLocal(repository))
        return repository;
    QString path = repository;
    if (path == u"~"_s || path.startsWith(u"~/"_s))
        path = QDir::homePath() + path.mid(1);
    return QDir::cleanPath(QDir(baseDirectory).absoluteFilePath(path));
}

} // namespace delegate
