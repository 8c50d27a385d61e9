// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpcidentity.h"

#include <QHash>
#include <QString>

#include <optional>

namespace delegate::rpc {

// Who a bearer token stands for. Only SHA-256 digests of tokens are kept,
// so a tokens file that leaks does not let anyone in.
//
// A tokens file has one person per line, "#" starting a comment:
//     <user> <role> <sha-256 of the token, hex>
// for example  grace reviewer 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
class AccessTokens final
{
public:
    // A new random token: 32 bytes from the system's generator, hex.
    static QString generate();
    static QString digest(const QString &token);

    void add(const QString &token, Identity identity);
    // Adds the file's entries; the error names the file, line and problem.
    std::optional<QString> loadFile(const QString &path);

    std::optional<Identity> authenticate(const QString &token) const;
    qsizetype size() const { return m_byDigest.size(); }
    bool hasUser(const QString &user) const;
    // Everyone with a token, sorted by user.
    QList<Identity> identities() const;

private:
    QHash<QString, Identity> m_byDigest;
};

} // namespace delegate::rpc
