// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgresmigrations.h"

#include "store/runattributessql.h"

#include "store/migrations.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <span>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

// See the matching steps in migrations.cpp for why each looks as it does.
constexpr const char *step1[] = {
    R"(CREATE TABLE events (
        seq BIGINT PRIMARY KEY,
        run_id TEXT,
        time BIGINT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL))",
    "CREATE INDEX events_by_run ON events (run_id, seq) WHERE run_id IS NOT NULL",
    R"(CREATE TABLE chain_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL))",
    "INSERT INTO chain_head (id, seq, hash) VALUES "
    "(1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
    R"(CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION 'events are append-only: an event cannot be changed';
            END IF;
            RAISE EXCEPTION 'events are append-only: an event cannot be removed';
        END $$)",
    "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_refuse_change()",
    "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_refuse_change()",
    "CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()",
};

// The searchable text (kind, and the payload's string values) is kept for
// ts_headline; the document is made from it by the writer's indexer,
// normalised the way FTS5's unicode61 tokenizer sees text (see SearchText).
constexpr const char *step2[] = {
    R"(CREATE TABLE events_fts (
        seq BIGINT PRIMARY KEY,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        document TSVECTOR NOT NULL))",
    "CREATE INDEX events_fts_document ON events_fts USING GIN (document)",
    R"(CREATE TABLE events_fts_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_seq BIGINT NOT NULL))",
    "INSERT INTO events_fts_state (id, indexed_seq) VALUES (1, 0)",
};

constexpr const char *step3[] = {
    R"(CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        task TEXT NOT NULL,
        environment TEXT,
        state TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        last_event_seq BIGINT NOT NULL DEFAULT 0))",
    "CREATE INDEX runs_by_state ON runs (state)",
};

constexpr const char *step4[] = {
    "DROP INDEX events_by_run",
    R"(CREATE TABLE run_events (
        run_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (run_id, seq)))",
    "INSERT INTO run_events (run_id, seq) SELECT run_id, seq FROM events "
    "WHERE run_id IS NOT NULL AND seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1)",
};

// run_attributes and event_facets as in SQLite's step 5; the deferred
// indexer fills them (PostgresEventRepository::indexPending), and this step
// fills them for the events indexed before it.
constexpr const char *step5[] = {
    R"(CREATE TABLE run_attributes (
        run_id TEXT PRIMARY KEY,
        task_title TEXT NOT NULL,
        skill TEXT NOT NULL,
        agent TEXT NOT NULL,
        environment TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        state TEXT NOT NULL,
        submitted_seq BIGINT NOT NULL))",
    R"(CREATE TABLE event_facets (
        facet TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (facet, value)))",
    "INSERT INTO run_attributes " PG_RUN_ATTRIBUTES_FROM_SUBMITTED
    " AND seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1) " PG_RUN_ATTRIBUTES_UPSERT,
    "UPDATE run_attributes SET state = latest.state FROM (" PG_RUN_STATES_FROM_CHANGES
    " AND seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1) ORDER BY run_id, seq DESC) latest "
    "WHERE run_attributes.run_id = latest.run_id AND latest.state IS NOT NULL",
    "INSERT INTO event_facets (facet, value) SELECT DISTINCT 'kind', kind FROM events "
    "WHERE seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1) ON CONFLICT DO NOTHING",
    "INSERT INTO event_facets (facet, value) SELECT DISTINCT 'actor', actor FROM events "
    "WHERE seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1) ON CONFLICT DO NOTHING",
};

const std::span<const char *const> steps[] = { step1, step2, step3, step4, step5 };
static_assert(std::size(steps) == 5, "every step of Migrations needs its PostgreSQL form here");

QString queryError(const QSqlQuery &query, const QString &sql)
{
    const QString reason = query.lastError().databaseText().trimmed();
    return u"%1 (in: %2)"_s.arg(reason.isEmpty() ? query.lastError().text() : reason, sql.simplified());
}

StoreError execute(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return queryError(query, sql);
    return std::nullopt;
}

StoreError applyStep(QSqlDatabase db, const QString &address, int version)
{
    if (auto error = execute(db, u"BEGIN"_s))
        return error;
    const auto fail = [&](const QString &error) -> StoreError {
        std::ignore = execute(db, u"ROLLBACK"_s);
        return u"upgrading the event store %1 to schema version %2 (%3) failed: %4. The database stays at "
               "version %5; check that this user may create tables there, then start again"_s.arg(
                   address, QString::number(version), Migrations::summary(version), error,
                   QString::number(version - 1));
    };
    // Two engines opening an old store at once upgrade it one after the
    // other; the lock ends with the transaction.
    if (auto error = execute(db, u"SELECT pg_advisory_xact_lock(7466349815)"_s))
        return fail(*error);
    if (auto error =
            execute(db,
                    u"CREATE TABLE IF NOT EXISTS schema_version ("
                    "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL, summary TEXT NOT NULL)"_s))
        return fail(*error);
    {
        QSqlQuery current(db);
        if (!current.exec(u"SELECT coalesce(max(version), 0) FROM schema_version"_s) || !current.next())
            return fail(queryError(current, u"SELECT max(version) FROM schema_version"_s));
        if (current.value(0).toInt() >= version) {
            current.finish();
            return execute(db, u"COMMIT"_s);
        }
    }
    for (const char *statement : steps[version - 1]) {
        if (auto error = execute(db, QString::fromUtf8(statement)))
            return fail(*error);
    }
    QSqlQuery record(db);
    record.prepare(u"INSERT INTO schema_version (version, applied_at, summary) VALUES (?, ?, ?)"_s);
    record.addBindValue(version);
    record.addBindValue(QDateTime::currentMSecsSinceEpoch());
    record.addBindValue(Migrations::summary(version));
    if (!record.exec())
        return fail(queryError(record, u"INSERT INTO schema_version"_s));
    if (auto error = execute(db, u"COMMIT"_s))
        return fail(*error);
    return std::nullopt;
}

} // namespace

StoreResult<int> PostgresMigrations::currentVersion(QSqlDatabase db, const QString &address)
{
    QSqlQuery tables(db);
    const QString sql =
        u"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"_s;
    if (!tables.exec(sql))
        return StoreResult<int>::failure(queryError(tables, sql));
    bool hasVersionTable = false;
    bool hasOtherTables = false;
    while (tables.next()) {
        if (tables.value(0).toString() == u"schema_version")
            hasVersionTable = true;
        else
            hasOtherTables = true;
    }
    if (!hasVersionTable) {
        if (hasOtherTables) {
            return StoreResult<int>::failure(
                u"the PostgreSQL database %1 holds tables but is not a Delegate event store (it has no "
                "schema_version table). Pass the address of a Delegate store, or of an empty database to "
                "create one in"_s.arg(address));
        }
        return 0;
    }
    QSqlQuery version(db);
    if (!version.exec(u"SELECT coalesce(max(version), 0) FROM schema_version"_s) || !version.next())
        return StoreResult<int>::failure(queryError(version, u"SELECT max(version) FROM schema_version"_s));
    return version.value(0).toInt();
}

StoreError PostgresMigrations::migrate(QSqlDatabase db, const QString &address, int targetVersion)
{
    const StoreResult<int> current = currentVersion(db, address);
    if (!current)
        return current.error();
    if (current.value() > Migrations::latestVersion()) {
        return u"the event store %1 has schema version %2, newer than this build of Delegate knows (%3). "
               "Use the Delegate version that wrote it, or a newer one"_s.arg(
                   address, QString::number(current.value()), QString::number(Migrations::latestVersion()));
    }
    for (int version = current.value() + 1; version <= std::min(targetVersion, Migrations::latestVersion());
         ++version) {
        if (auto error = applyStep(db, address, version))
            return error;
    }
    return std::nullopt;
}

} // namespace delegate
