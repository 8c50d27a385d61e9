// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QSqlDatabase>
#include <QString>

struct sqlite3;

namespace delegate {

// One QtSql connection to the store's SQLite file, with the settings every
// part of the store relies on: WAL (readers never block the writer) and
// synchronous=FULL (a committed transaction has reached the disk, so
// acknowledging it is safe even against power loss).
//
// QtSql opens the file; the hot paths then use the sqlite3 handle underneath
// (QSqlDriver::handle()), because prepared statements with zero-copy binding
// are several times faster than QSqlQuery with QVariants. The Qt driver and
// delegate_core use the same system libsqlite3.
//
// Like every QSqlDatabase, a connection belongs to the thread that opened it.
class SqliteConnection final
{
public:
    enum class Mode {
        ReadWrite, // creates the file when missing
        ReadOnly, // the file must exist
    };

    SqliteConnection();
    ~SqliteConnection();
    Q_DISABLE_COPY_MOVE(SqliteConnection)

    [[nodiscard]] StoreError open(const QString &path, Mode mode);
    void close();

    bool isOpen() const { return m_handle != nullptr; }
    const QString &path() const { return m_path; }
    QSqlDatabase database() const;
    sqlite3 *handle() const { return m_handle; }

    // Runs statements that return no rows (sqlite3_exec).
    [[nodiscard]] StoreError exec(const char *sql);
    // The last error SQLite reported on this connection.
    QString lastError() const;
    // The result of PRAGMA integrity_check: "ok", or the damage it found.
    StoreResult<QString> integrityCheck();

private:
    QString m_connectionName;
    QString m_path;
    sqlite3 *m_handle = nullptr;
};

} // namespace delegate
