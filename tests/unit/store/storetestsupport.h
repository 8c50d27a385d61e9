// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers the store tests share: the database the tests run on, stores with
// a known history, and damage the way someone with access to the database
// could do it.

#include "domain/canonicaljson.h"
#include "domain/event.h"
#include "postgresserver.h"
#include "store/eventrepository.h"
#include "store/migrations.h"
#include "store/storedatabase.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace delegate::test {

// Which database the store tests run on. Each store test executable runs
// twice (see tests/unit/store/CMakeLists.txt): on SQLite files, and with
// DELEGATE_TEST_STORE=postgresql on a PostgreSQL server it starts for
// itself, once, in initTestCase(), with a new database for every store.
class TestStores final
{
public:
    static TestStores &instance()
    {
        static TestStores stores;
        return stores;
    }

    bool isPostgres() const { return qEnvironmentVariable("DELEGATE_TEST_STORE") == u"postgresql"; }

    // Starts the server when the tests run on PostgreSQL; an error names
    // what is missing.
    std::optional<QString> start()
    {
        if (!isPostgres() || m_server)
            return std::nullopt;
        auto server = std::make_unique<fixtures::PostgresServer>();
        if (auto error = server->start())
            return error;
        m_server = std::move(server);
        return std::nullopt;
    }

    // The address of a new, empty store: a file in the directory, or on
    // PostgreSQL a schema of its own in the executable's database (the
    // address selects it with libpq's options parameter), which is ten
    // times quicker to make than a database and just as separate for the
    // store. Empty when it could not be made (with *error).
    QString newStore(const QTemporaryDir &directory, const QString &fileName = QStringLiteral("store.db"),
                     QString *error = nullptr)
    {
        if (!isPostgres())
            return directory.filePath(fileName);
        if (!m_server) {
            if (error)
                *error = QStringLiteral("the PostgreSQL test server is not running: call start() first");
            return {};
        }
        if (m_database.isEmpty()) {
            m_database = m_server->createDatabase(QStringLiteral("stores"), error);
            if (m_database.isEmpty())
                return {};
        }
        const QString schema = QStringLiteral("store_%1").arg(++m_stores);
        if (auto failure =
                m_server->psql(QStringLiteral("stores"), QStringLiteral("CREATE SCHEMA ") + schema)) {
            if (error)
                *error = *failure;
            return {};
        }
        return m_database + QStringLiteral("?options=-csearch_path%3D") + schema;
    }

    fixtures::PostgresServer *server() { return m_server.get(); }

    ~TestStores()
    {
        // The server must stop before the connections' driver goes away at
        // exit; stopping it here, explicitly, keeps the order clear.
        m_server.reset();
    }

private:
    TestStores() = default;

    std::unique_ptr<fixtures::PostgresServer> m_server;
    QString m_database;
    int m_stores = 0;
};

struct ChainEntry
{
    qint64 timeMs = 1'714'564'800'000; // 2024-05-01T12:00:00Z
    QString runId;
    QString kind = QStringLiteral("test.event");
    QJsonObject payload;
    QString actor = QStringLiteral("agent");
};

// Appends entries to the chain in the store at address (created at the
// given schema version when missing), through the repository but without
// the writer, so a test decides the times. Returns an error message or
// nothing.
inline StoreError appendChain(const QString &address, const QList<ChainEntry> &entries,
                              int version = Migrations::latestVersion())
{
    const std::unique_ptr<StoreDatabase> database = StoreDatabase::forAddress(address);
    if (auto error = database->open(StoreDatabase::Mode::ReadWrite))
        return error;
    if (auto error = database->migrate(version))
        return error;
    const std::unique_ptr<EventRepository> events = database->createRepository();
    if (auto error = events->beginWrite())
        return error;
    const StoreResult<ChainHead> last = events->lastEvent();
    if (!last)
        return last.error();
    ChainHead head = last.value();
    for (const ChainEntry &entry : entries) {
        const QByteArray runId = entry.runId.toUtf8();
        const QByteArray actor = entry.actor.toUtf8();
        const QByteArray kind = entry.kind.toUtf8();
        const QByteArray payload = CanonicalJson::serialize(entry.payload);
        EncodedEvent event { head.sequence + 1, runId, entry.timeMs, actor, kind, payload, head.hash };
        const QByteArray hash = Event::chainHash(head.hash, Event::canonicalJson(event));
        if (auto error = events->insert(event, hash))
            return error;
        head = ChainHead { event.sequence, hash };
    }
    if (auto error = events->recordHead(head))
        return error;
    return events->commit();
}

// Runs SQL on the store the way anyone with write access could: statements
// separated by "; ", one after the other.
inline StoreError execSql(const QString &address, const char *sql)
{
    const std::unique_ptr<StoreDatabase> database = StoreDatabase::forAddress(address);
    if (auto error = database->open(StoreDatabase::Mode::ReadWrite))
        return error;
    for (const QString &statement : QString::fromUtf8(sql).split(QStringLiteral("; "), Qt::SkipEmptyParts)) {
        if (auto error = database->execute(statement))
            return error;
    }
    return std::nullopt;
}

// What someone with access to the database could do first: the append-only
// triggers only stop accidents.
inline QByteArray dropTriggersSql()
{
    if (TestStores::instance().isPostgres())
        return "DROP TRIGGER events_append_only_update ON events; "
               "DROP TRIGGER events_append_only_delete ON events; ";
    return "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete; ";
}

inline QList<ChainEntry> numberedEntries(int count, qint64 firstTimeMs = 1'714'564'800'000)
{
    QList<ChainEntry> entries;
    for (int i = 1; i <= count; ++i) {
        ChainEntry entry;
        entry.timeMs = firstTimeMs + i * 1000;
        entry.runId = i % 3 == 0 ? QString() : QStringLiteral("run-%1").arg(i % 3);
        entry.payload.insert(QStringLiteral("n"), i);
        entry.payload.insert(QStringLiteral("text"), QStringLiteral("event number %1").arg(i));
        entries.append(entry);
    }
    return entries;
}

} // namespace delegate::test
