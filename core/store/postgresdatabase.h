// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/postgresaddress.h"
#include "store/storedatabase.h"

namespace delegate {

// A team store: a database on a PostgreSQL server, through QtSql's QPSQL
// driver. The password comes from libpq's own sources (the password file or
// PGPASSWORD), never from the address.
//
// Durability needs nothing special here: PostgreSQL acknowledges a COMMIT
// once it reached its write-ahead log on disk (synchronous_commit, on by
// default), so the writer's rule (acknowledge only after the commit) holds
// unchanged.
class PostgresDatabase final : public StoreDatabase
{
public:
    explicit PostgresDatabase(QString address);
    ~PostgresDatabase() override;

    Kind kind() const override { return Kind::Postgres; }
    [[nodiscard]] StoreError open(Mode mode) override;
    void close() override;
    bool isOpen() const override { return !m_connectionName.isEmpty(); }
    QString address() const override { return m_address; }
    QSqlDatabase sqlDatabase() const override;
    StoreResult<int> schemaVersion() override;
    [[nodiscard]] StoreError migrate(int targetVersion) override;
    using StoreDatabase::migrate;
    std::unique_ptr<EventRepository> createRepository() override;
    [[nodiscard]] StoreError execute(const QString &sql) override;

private:
    QString m_address;
    QString m_connectionName;
};

} // namespace delegate
