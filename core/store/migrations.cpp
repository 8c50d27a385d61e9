// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/migrations.h"

#include "store/runattributessql.h"
#include "store/sqliteconnection.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <span>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

struct Step
{
    int version;
    const char *summary;
    std::span<const char *const> statements;
};

// The hash chain. seq is the rowid, so appends go to the end of the b-tree.
// The index by run serves a run's timeline and `export --run` (step 4
// replaces it); `--since`
// needs none, because time never decreases along seq (the writer sees to
// it) and a binary search over seq finds the start. The triggers stop
// accidental edits; verify catches deliberate ones.
constexpr const char *step1[] = {
    R"(CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        run_id TEXT,
        time INTEGER NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL))",
    "CREATE INDEX events_by_run ON events (run_id, seq) WHERE run_id IS NOT NULL",
    // The newest event as the writer last committed it, so verify notices
    // events removed from the end, where the chain alone cannot tell.
    R"(CREATE TABLE chain_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL))",
    "INSERT INTO chain_head (id, seq, hash) VALUES "
    "(1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
    R"(CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed'); END)",
    R"(CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be removed'); END)",
};

// Full-text search. The index has its own copy of the text (kind, and the
// string values of the payload) so snippet() works. The writer fills it
// when its queue is idle, up to the watermark in events_fts_state, so that
// indexing never slows down appends (see EventWriter).
constexpr const char *step2[] = {
    "CREATE VIRTUAL TABLE events_fts USING fts5(kind, text, tokenize = 'unicode61 remove_diacritics 2')",
    R"(CREATE TABLE events_fts_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_seq INTEGER NOT NULL))",
    "INSERT INTO events_fts_state (id, indexed_seq) VALUES (1, 0)",
};

// Runs, for the engine to find what to resume after a restart; a run's
// history itself is its events.
constexpr const char *step3[] = {
    R"(CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        task TEXT NOT NULL,
        environment TEXT,
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_event_seq INTEGER NOT NULL DEFAULT 0))",
    "CREATE INDEX runs_by_state ON runs (state)",
};

// The index by run moves off the append path. As a b-tree index of
// events it cost every append an insert at one of many places (one per
// active run), doubling SQLite's work per event; as a table filled by the
// writer's deferred indexer, together with the full-text index and up to
// the same watermark, it costs appends nothing. Queries by run read it up
// to the watermark and scan the few events after it.
constexpr const char *step4[] = {
    "DROP INDEX events_by_run",
    R"(CREATE TABLE run_events (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (run_id, seq)) WITHOUT ROWID)",
    "INSERT INTO run_events (run_id, seq) SELECT run_id, seq FROM events "
    "WHERE run_id IS NOT NULL AND seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1)",
};

// What the history timeline filters by and offers to choose from. A run's
// task title, skill, agent, environment, submitter and latest state live in
// the run's events (run.submitted, run.state_changed); run_attributes keeps
// them per run so a filter on them is a lookup instead of a JSON walk over
// every event. event_facets keeps each kind and actor once, for the filter
// bar's choices. The writer's deferred indexer fills both, up to the same
// watermark as the full-text index, so appends pay nothing for them.
constexpr const char *step5[] = {
    R"(CREATE TABLE run_attributes (
        run_id TEXT PRIMARY KEY,
        task_title TEXT NOT NULL,
        skill TEXT NOT NULL,
        agent TEXT NOT NULL,
        environment TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        state TEXT NOT NULL,
        submitted_seq INTEGER NOT NULL) WITHOUT ROWID)",
    R"(CREATE TABLE event_facets (
        facet TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (facet, value)) WITHOUT ROWID)",
    "INSERT OR REPLACE INTO run_attributes " RUN_ATTRIBUTES_FROM_SUBMITTED
    " AND seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1)",
    "WITH latest AS (" RUN_STATES_FROM_CHANGES
    " AND seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1) GROUP BY run_id) "
    "UPDATE run_attributes SET state = latest.state FROM latest "
    "WHERE run_attributes.run_id = latest.run_id AND latest.state IS NOT NULL",
    "INSERT OR IGNORE INTO event_facets (facet, value) SELECT DISTINCT 'kind', kind FROM events "
    "WHERE seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1)",
    "INSERT OR IGNORE INTO event_facets (facet, value) SELECT DISTINCT 'actor', actor FROM events "
    "WHERE seq <= (SELECT indexed_seq FROM events_fts_state WHERE id = 1)",
};

const Step steps[] = {
    { 1, "events with the hash chain", step1 },
    { 2, "full-text index over events", step2 },
    { 3, "runs", step3 },
    { 4, "index by run, filled when idle", step4 },
    { 5, "run attributes and facets for the history timeline", step5 },
};

QString queryError(const QSqlQuery &query, const QString &sql)
{
    return u"%1 (in: %2)"_s.arg(query.lastError().text(), sql.simplified());
}

StoreError execute(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return queryError(query, sql);
    return std::nullopt;
}

StoreError applyStep(SqliteConnection &connection, const Step &step)
{
    QSqlDatabase db = connection.database();
    // IMMEDIATE takes the write lock up front, so two processes opening an
    // old store at once upgrade it one after the other.
    if (auto error = execute(db, u"BEGIN IMMEDIATE"_s))
        return error;
    const auto fail = [&](const QString &error) -> StoreError {
        execute(db, u"ROLLBACK"_s);
        return u"upgrading the event store %1 to schema version %2 (%3) failed: %4. The database stays at "
               "version %5; check free disk space and write permission, then start again"_s.arg(
                   connection.path(), QString::number(step.version), QString::fromUtf8(step.summary), error,
                   QString::number(step.version - 1));
    };
    if (auto error =
            execute(db,
                    u"CREATE TABLE IF NOT EXISTS schema_version ("
                    "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL, summary TEXT NOT NULL)"_s))
        return fail(*error);
    // Someone else may have applied the step while we waited for the lock.
    {
        QSqlQuery current(db);
        if (!current.exec(u"SELECT coalesce(max(version), 0) FROM schema_version"_s) || !current.next())
            return fail(queryError(current, u"SELECT max(version) FROM schema_version"_s));
        if (current.value(0).toInt() >= step.version) {
            current.finish();
            return execute(db, u"COMMIT"_s);
        }
    }
    for (const char *statement : step.statements) {
        if (auto error = execute(db, QString::fromUtf8(statement)))
            return fail(*error);
    }
    QSqlQuery record(db);
    record.prepare(u"INSERT INTO schema_version (version, applied_at, summary) VALUES (?, ?, ?)"_s);
    record.addBindValue(step.version);
    record.addBindValue(QDateTime::currentMSecsSinceEpoch());
    record.addBindValue(QString::fromUtf8(step.summary));
    if (!record.exec())
        return fail(queryError(record, u"INSERT INTO schema_version"_s));
    if (auto error = execute(db, u"COMMIT"_s))
        return fail(*error);
    return std::nullopt;
}

} // namespace

int Migrations::latestVersion()
{
    return std::size(steps);
}

QString Migrations::summary(int version)
{
    for (const Step &step : steps) {
        if (step.version == version)
            return QString::fromUtf8(step.summary);
    }
    return {};
}

StoreResult<int> Migrations::currentVersion(SqliteConnection &connection)
{
    QSqlQuery tables(connection.database());
    if (!tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s))
        return StoreResult<int>::failure(queryError(tables, u"SELECT name FROM sqlite_master"_s));
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
                u"%1 is an SQLite database but not a Delegate event store (it has no schema_version table). "
                "Pass the path of a Delegate store, or a new file name to create one"_s.arg(
                    connection.path()));
        }
        return 0;
    }
    QSqlQuery version(connection.database());
    if (!version.exec(u"SELECT coalesce(max(version), 0) FROM schema_version"_s) || !version.next())
        return StoreResult<int>::failure(queryError(version, u"SELECT max(version) FROM schema_version"_s));
    return version.value(0).toInt();
}

StoreError Migrations::migrate(SqliteConnection &connection, int targetVersion)
{
    const StoreResult<int> current = currentVersion(connection);
    if (!current)
        return current.error();
    if (current.value() > latestVersion()) {
        return u"the event store %1 has schema version %2, newer than this build of Delegate knows (%3). "
               "Use the Delegate version that wrote it, or a newer one"_s.arg(
                   connection.path(), QString::number(current.value()), QString::number(latestVersion()));
    }
    for (const Step &step : steps) {
        if (step.version <= current.value() || step.version > targetVersion)
            continue;
        if (auto error = applyStep(connection, step))
            return error;
    }
    return std::nullopt;
}

} // namespace delegate
