// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpcidentity.h"

#include <QList>
#include <QString>

#include <optional>

namespace delegate::rpc {

// The tokens file a team server reads (see AccessTokens for its format),
// changed the way `delegatectl user` does it: lines are added or removed,
// everything else (comments, other people) is kept, and the file is
// replaced atomically with owner-only permissions, so the daemon never
// reads half a file.
class TokensFile final
{
public:
    explicit TokensFile(QString path);

    // <AppConfigLocation>/tokens, e.g. ~/.config/delegate/tokens.
    static QString defaultPath();
    const QString &path() const { return m_path; }

    // Everyone in the file (none when it does not exist yet).
    std::optional<QString> read(QList<Identity> *people) const;
    // Adds a person with a new token and returns the token (the file keeps
    // only its digest). Refuses a name that is taken or not a plain word.
    std::optional<QString> add(const QString &user, Role role, QString *token);
    // Removes every token of the person; an error when there is none.
    std::optional<QString> revoke(const QString &user);

    static bool isValidUserName(const QString &user);

private:
    std::optional<QString> readLines(QStringList *lines) const;
    std::optional<QString> writeLines(const QStringList &lines);

    QString m_path;
};

} // namespace delegate::rpc
