// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesstokens.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace delegate::rpc {

QString AccessTokens::generate()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(bytes.toHex());
}

QString AccessTokens::digest(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

void AccessTokens::add(const QString &token, Identity identity)
{
    m_byDigest.insert(digest(token), std::move(identity));
}

std::optional<QString> AccessTokens::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return u"cannot read the tokens file %1: %2"_s.arg(path, file.errorString());
    static const QRegularExpression hexDigest(u"^[0-9a-f]{64}$"_s);
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QString line = QString::fromUtf8(file.readLine());
        line = line.left(line.indexOf(u'#')).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList fields = line.split(u' ', Qt::SkipEmptyParts);
        const auto where = u"%1:%2: "_s.arg(path).arg(lineNumber);
        if (fields.size() != 3)
            return where
                + u"expected \"<user> <role> <sha-256 of the token>\", found %1 field(s)"_s.arg(
                    fields.size());
        const std::optional<Role> role = enumFromString<Role>(fields.at(1));
        if (!role)
            return where + u"unknown role '%1'; use lead, reviewer or auditor"_s.arg(fields.at(1));
        if (!hexDigest.match(fields.at(2)).hasMatch())
            return where
                + u"the third field must be the token's SHA-256 digest in lower-case hex (printf %s TOKEN | sha256sum)"_s;
        m_byDigest.insert(fields.at(2), Identity { fields.at(0), *role });
    }
    return std::nullopt;
}

bool AccessTokens::hasUser(const QString &user) const
{
    return std::any_of(m_byDigest.cbegin(), m_byDigest.cend(),
                       [&user](const Identity &identity) { return identity.user == user; });
}

QList<Identity> AccessTokens::identities() const
{
    QList<Identity> all = m_byDigest.values();
    std::sort(all.begin(), all.end(), [](const Identity &a, const Identity &b) { return a.user < b.user; });
    return all;
}

std::optional<Identity> AccessTokens::authenticate(const QString &token) const
{
    if (token.isEmpty())
        return std::nullopt;
    // Looking up the digest, not the token, keeps the comparison's timing
    // unrelated to how much of a guessed token is right.
    const auto found = m_byDigest.constFind(digest(token));
    if (found == m_byDigest.cend())
        return std::nullopt;
    return found.value();
}

} // namespace delegate::rpc
