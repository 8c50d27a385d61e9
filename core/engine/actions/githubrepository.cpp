// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/githubrepository.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace delegate {

std::optional<GitHubRepository> GitHubRepository::parse(const QString &fullName)
{
    // GitHub's own rules: owners are letters, digits and single hyphens;
    // repository names add '.' and '_'.
    static const QRegularExpression pattern(
        u"^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100})$"_s);
    const QRegularExpressionMatch match = pattern.match(fullName.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QString name = match.captured(2);
    if (name == "."_L1 || name == ".."_L1)
        return std::nullopt;
    return GitHubRepository { match.captured(1), name };
}

std::optional<GitHubRepository> GitHubRepository::fromRemoteUrl(const QString &url)
{
    QString path;
    static const QRegularExpression scpLike(u"^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(.+)$"_s);
    const QRegularExpressionMatch scp = scpLike.match(url.trimmed());
    if (scp.hasMatch()) {
        path = scp.captured(2);
    } else {
        const QUrl parsed(url.trimmed());
        const QString scheme = parsed.scheme();
        if (parsed.host().isEmpty()
            || (scheme != "https"_L1 && scheme != "http"_L1 && scheme != "ssh"_L1 && scheme != "git"_L1))
            return std::nullopt;
        path = parsed.path();
    }
    while (path.startsWith(u'/'))
        path.remove(0, 1);
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(".git"_L1))
        path.chop(4);
    // GitHub Enterprise may serve below a prefix; owner/name are the last two.
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return std::nullopt;
    return parse(parts.at(parts.size() - 2) + u'/' + parts.constLast());
}

} // namespace delegate
