// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlitedatabase.h"

#include "store/migrations.h"
#include "store/sqliteeventrepository.h"

namespace delegate {

SqliteDatabase::SqliteDatabase(QString path)
    : m_path(std::move(path))
{ }

StoreError SqliteDatabase::open(Mode mode)
{
    return m_connection.open(m_path,
                             mode == Mode::ReadWrite ? SqliteConnection::Mode::ReadWrite
                                                     : SqliteConnection::Mode::ReadOnly);
}

StoreResult<int> SqliteDatabase::schemaVersion()
{
    return Migrations::currentVersion(m_connection);
}

StoreError SqliteDatabase::migrate(int targetVersion)
{
    return Migrations::migrate(m_connection, targetVersion);
}

std::unique_ptr<EventRepository> SqliteDatabase::createRepository()
{
    return std::make_unique<SqliteEventRepository>(m_connection);
}

StoreError SqliteDatabase::execute(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    return m_connection.exec(utf8.constData());
}

} // namespace delegate
