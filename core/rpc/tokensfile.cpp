// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokensfile.h"

#include "accesstokens.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace delegate::rpc {

using namespace Qt::StringLiterals;

namespace {

QString userOf(const QString &line)
{
    const QString content = line.left(line.indexOf(u'#')).trimmed();
    return content.section(u' ', 0, 0, QString::SectionSkipEmpty);
}

} // namespace

TokensFile::TokensFile(QString path)
    : m_path(std::move(path))
{ }

QString TokensFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/tokens"_s;
}

bool TokensFile::isValidUserName(const QString &user)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    return plain.match(user).hasMatch();
}

std::optional<QString> TokensFile::read(QList<Identity> *people) const
{
    people->clear();
    if (!QFileInfo::exists(m_path))
        return std::nullopt;
    AccessTokens tokens;
    if (auto problem = tokens.loadFile(m_path))
        return problem;
    *people = tokens.identities();
    return std::nullopt;
}

std::optional<QString> TokensFile::add(const QString &user, Role role, QString *token)
{
    if (!isValidUserName(user)) {
        return u"'%1' is not a usable user name: use letters, digits, '.', '_' or '-' (up to 64), starting "
               "with a letter or digit"_s.arg(user);
    }
    QList<Identity> people;
    if (auto problem = read(&people))
        return problem;
    for (const Identity &person : std::as_const(people)) {
        if (person.user == user)
            return u"%1 already has a token in %2: revoke it first to give a new one"_s.arg(user, m_path);
    }
    QStringList lines;
    if (auto problem = readLines(&lines))
        return problem;
    const QString fresh = AccessTokens::generate();
    lines.append(u"%1 %2 %3"_s.arg(user, enumToString(role), AccessTokens::digest(fresh)));
    if (auto problem = writeLines(lines))
        return problem;
    *token = fresh;
    return std::nullopt;
}

std::optional<QString> TokensFile::revoke(const QString &user)
{
    QStringList lines;
    if (auto problem = readLines(&lines))
        return problem;
    const qsizetype before = lines.size();
    lines.removeIf([&user](const QString &line) { return userOf(line) == user; });
    if (lines.size() == before)
        return u"%1 has no token in %2 (delegatectl user list shows who has)"_s.arg(user, m_path);
    return writeLines(lines);
}

std::optional<QString> TokensFile::readLines(QStringList *lines) const
{
    lines->clear();
    QFile file(m_path);
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return u"cannot read the tokens file %1: %2"_s.arg(m_path, file.errorString());
    *lines = QString::fromUtf8(file.readAll()).split(u'\n');
    if (!lines->isEmpty() && lines->last().isEmpty())
        lines->removeLast();
    return std::nullopt;
}

std::optional<QString> TokensFile::writeLines(const QStringList &lines)
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return u"cannot create the folder of %1"_s.arg(m_path);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return u"cannot write the tokens file %1: %2"_s.arg(m_path, file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QString text = lines.join(u'\n');
    if (!text.isEmpty())
        text += u'\n';
    file.write(text.toUtf8());
    if (!file.commit())
        return u"cannot write the tokens file %1: %2"_s.arg(m_path, file.errorString());
    return std::nullopt;
}

} // namespace delegate::rpc
