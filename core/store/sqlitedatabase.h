// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/sqliteconnection.h"
#include "store/storedatabase.h"

namespace delegate {

// The embedded store: one SQLite file (see SqliteConnection).
class SqliteDatabase final : public StoreDatabase
{
public:
    explicit SqliteDatabase(QString path);

    Kind kind() const override { return Kind::Sqlite; }
    [[nodiscard]] StoreError open(Mode mode) override;
    void close() override { m_connection.close(); }
    bool isOpen() const override { return m_connection.isOpen(); }
    QString address() const override { return m_path; }
    QSqlDatabase sqlDatabase() const override { return m_connection.database(); }
    StoreResult<int> schemaVersion() override;
    [[nodiscard]] StoreError migrate(int targetVersion) override;
    using StoreDatabase::migrate;
    std::unique_ptr<EventRepository> createRepository() override;
    [[nodiscard]] StoreError execute(const QString &sql) override;

    SqliteConnection &connection() { return m_connection; }

private:
    QString m_path;
    SqliteConnection m_connection;
};

} // namespace delegate
