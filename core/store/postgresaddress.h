// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QList>
#include <QPair>
#include <QString>

namespace delegate {

// Where a team store lives: postgresql://[user@]host[:port]/database[?option=value&…],
// the URI form libpq documents. The options are libpq's connection
// parameters (sslmode, sslrootcert, connect_timeout, …).
//
// A password never goes into the address, where it would end up in shell
// history and process listings: libpq takes it from the password file
// (~/.pgpass or the file PGPASSFILE names) or from PGPASSWORD.
struct PostgresAddress
{
    QString host;
    int port = 5432;
    QString user; // empty: libpq's default (PGUSER, then the login name)
    QString database;
    QList<QPair<QString, QString>> options;

    static StoreResult<PostgresAddress> parse(const QString &address);
    // The address again, as it names the store in messages.
    QString toString() const;
    // For QSqlDatabase::setConnectOptions: key=value pairs separated by ';'.
    QString connectOptions() const;
};

} // namespace delegate
