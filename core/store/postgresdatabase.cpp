// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgresdatabase.h"

#include "store/postgreseventrepository.h"
#include "store/postgresmigrations.h"

#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

QString nextConnectionName()
{
    static std::atomic<quint64> counter { 0 };
    return u"delegate-store-pg-%1"_s.arg(++counter);
}

} // namespace

PostgresDatabase::PostgresDatabase(QString address)
    : m_address(std::move(address))
{ }

PostgresDatabase::~PostgresDatabase()
{
    close();
}

StoreError PostgresDatabase::open(Mode mode)
{
    close();
    const StoreResult<PostgresAddress> address = PostgresAddress::parse(m_address);
    if (!address)
        return address.error();
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        return u"the Qt PostgreSQL driver (QPSQL) is not available, so the store %1 cannot be opened: "
               u"install "
               "the package libqt6sql6-psql"_s.arg(m_address);
    }
    m_connectionName = nextConnectionName();
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
        db.setHostName(address->host);
        db.setPort(address->port);
        db.setDatabaseName(address->database);
        if (!address->user.isEmpty())
            db.setUserName(address->user);
        db.setConnectOptions(address->connectOptions());
        if (!db.open()) {
            const QString reason = db.lastError().databaseText().trimmed();
            failure =
                u"cannot connect to the PostgreSQL store %1: %2. Check that the server runs and accepts "
                "connections from this machine, that the database exists, and that the password for "
                "this user is in ~/.pgpass (or the file PGPASSFILE names) or in PGPASSWORD"_s.arg(
                    m_address, reason.isEmpty() ? db.lastError().text() : reason);
        } else {
            QSqlQuery setup(db);
            // Notices about objects that already exist are noise in the
            // engine's log; a reader cannot write by mistake.
            QString session = u"SET client_min_messages = warning"_s;
            if (!setup.exec(session))
                failure = setup.lastError().text();
            session = u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s;
            if (failure.isEmpty() && mode == Mode::ReadOnly && !setup.exec(session))
                failure = setup.lastError().text();
        }
    }
    if (!failure.isEmpty()) {
        close();
        return failure;
    }
    return std::nullopt;
}

void PostgresDatabase::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QSqlDatabase PostgresDatabase::sqlDatabase() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

StoreResult<int> PostgresDatabase::schemaVersion()
{
    return PostgresMigrations::currentVersion(sqlDatabase(), m_address);
}

StoreError PostgresDatabase::migrate(int targetVersion)
{
    return PostgresMigrations::migrate(sqlDatabase(), m_address, targetVersion);
}

std::unique_ptr<EventRepository> PostgresDatabase::createRepository()
{
    return std::make_unique<PostgresEventRepository>(sqlDatabase());
}

StoreError PostgresDatabase::execute(const QString &sql)
{
    if (!isOpen())
        return u"the event store is not open"_s;
    QSqlQuery query(sqlDatabase());
    if (!query.exec(sql))
        return u"%1 (in: %2)"_s.arg(query.lastError().databaseText().trimmed(), sql.simplified());
    return std::nullopt;
}

} // namespace delegate
