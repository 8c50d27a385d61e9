// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqliteeventrepository.h"

#include "store/runattributessql.h"
#include "store/sqliteconnection.h"

#include <QJsonDocument>

#include <limits>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

#define EVENT_COLUMNS "seq, run_id, time, actor, kind, payload, prev_hash, hash"

EncodedEvent rowOf(const SqliteStatement &row, int first = 0)
{
    EncodedEvent event;
    event.sequence = row.columnInt64(first);
    event.runId = row.columnText(first + 1);
    event.timeMs = row.columnInt64(first + 2);
    event.actor = row.columnText(first + 3);
    event.kind = row.columnText(first + 4);
    event.payload = row.columnText(first + 5);
    event.prevHash = row.columnText(first + 6);
    return event;
}

StoreError visitRows(SqliteStatement &statement, const EventRepository::RowVisitor &visit)
{
    for (;;) {
        switch (statement.step()) {
        case SqliteStatement::Step::Row: {
            const EncodedEvent event = rowOf(statement);
            if (!visit(event, statement.columnText(7)))
                return std::nullopt;
            break;
        }
        case SqliteStatement::Step::Done:
            return std::nullopt;
        case SqliteStatement::Step::Error:
            return statement.errorMessage();
        }
    }
}

} // namespace

SqliteEventRepository::SqliteEventRepository(SqliteConnection &connection)
    : m_connection(connection)
{ }

StoreError SqliteEventRepository::beginWrite()
{
    return m_connection.exec("BEGIN IMMEDIATE");
}

StoreError SqliteEventRepository::beginRead()
{
    // A deferred transaction takes its snapshot at the first read; read the
    // head now so the snapshot starts here.
    if (auto error = m_connection.exec("BEGIN"))
        return error;
    if (auto head = lastEvent(); !head) {
        rollback();
        return head.error();
    }
    return std::nullopt;
}

StoreError SqliteEventRepository::commit()
{
    return m_connection.exec("COMMIT");
}

void SqliteEventRepository::rollback()
{
    // Fails harmlessly when no transaction is open (SQLite may have rolled
    // back already after an I/O error).
    std::ignore = m_connection.exec("ROLLBACK");
}

SqliteStatement *SqliteEventRepository::prepared(SqliteStatement &statement, const char *sql,
                                                 StoreError *error)
{
    if (!statement.isPrepared()) {
        if (auto failure = statement.prepare(m_connection.handle(), sql)) {
            *error = failure;
            return nullptr;
        }
    }
    return &statement;
}

StoreError SqliteEventRepository::insert(const EncodedEvent &event, QByteArrayView hash)
{
    StoreError error;
    SqliteStatement *insert = prepared(
        m_insert, "INSERT INTO events (" EVENT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &error);
    if (!insert)
        return error;
    insert->bind(1, event.sequence);
    insert->bindTextOrNull(2, event.runId);
    insert->bind(3, event.timeMs);
    insert->bindText(4, event.actor);
    insert->bindText(5, event.kind);
    insert->bindText(6, event.payload);
    insert->bindText(7, event.prevHash);
    insert->bindText(8, hash);
    const bool done = insert->step() == SqliteStatement::Step::Done;
    if (!done)
        error = insert->errorMessage();
    insert->reset();
    return error;
}

StoreError SqliteEventRepository::recordHead(const ChainHead &head)
{
    StoreError error;
    SqliteStatement *update =
        prepared(m_recordHead, "UPDATE chain_head SET seq = ?1, hash = ?2 WHERE id = 1", &error);
    if (!update)
        return error;
    update->bind(1, head.sequence);
    update->bindText(2, head.hash);
    if (update->step() != SqliteStatement::Step::Done)
        error = update->errorMessage();
    update->reset();
    return error;
}

StoreResult<qint64> SqliteEventRepository::indexPending(qint64 maxEvents)
{
    const StoreResult<qint64> watermark = indexedSequence();
    if (!watermark)
        return watermark;
    const StoreResult<ChainHead> last = lastEvent();
    if (!last)
        return StoreResult<qint64>::failure(last.error());
    const qint64 end = std::min(last->sequence, watermark.value() + maxEvents);
    if (end <= watermark.value())
        return watermark;

    StoreError error;
    // The searchable text of a payload is its string values in document
    // order. A payload that is not JSON (only possible if someone edited
    // the table by hand) is indexed as it is rather than stalling the index.
    SqliteStatement *index = prepared(m_indexRange,
                                      "INSERT INTO events_fts (rowid, kind, text) "
                                      "SELECT seq, kind, CASE WHEN json_valid(payload) THEN "
                                      "(SELECT group_concat(value, ' ') FROM json_tree(events.payload) "
                                      "WHERE type = 'text') ELSE payload END "
                                      "FROM events WHERE seq > ?1 AND seq <= ?2",
                                      &error);
    if (!index)
        return StoreResult<qint64>::failure(*error);
    index->bind(1, watermark.value());
    index->bind(2, end);
    const bool indexed = index->step() == SqliteStatement::Step::Done;
    if (!indexed)
        error = index->errorMessage();
    index->reset();
    if (error)
        return StoreResult<qint64>::failure(*error);

    const auto overRange = [&](SqliteStatement &statement, const char *sql) -> StoreError {
        StoreError failure;
        SqliteStatement *step = prepared(statement, sql, &failure);
        if (!step)
            return failure;
        step->bind(1, watermark.value());
        step->bind(2, end);
        if (step->step() != SqliteStatement::Step::Done)
            failure = step->errorMessage();
        step->reset();
        return failure;
    };
    // Submissions before state changes: a run submitted and moved on within
    // one chunk ends with its latest state.
    const std::pair<SqliteStatement *, const char *> derived[] = {
        { &m_indexRuns,
          "INSERT OR IGNORE INTO run_events (run_id, seq) SELECT run_id, seq FROM events "
          "WHERE seq > ?1 AND seq <= ?2 AND run_id IS NOT NULL" },
        { &m_indexRunAttributes,
          "INSERT OR REPLACE INTO run_attributes " RUN_ATTRIBUTES_FROM_SUBMITTED
          " AND seq > ?1 AND seq <= ?2" },
        { &m_indexRunStates,
          "WITH latest AS (" RUN_STATES_FROM_CHANGES " AND seq > ?1 AND seq <= ?2 GROUP BY run_id) "
          "UPDATE run_attributes SET state = latest.state FROM latest "
          "WHERE run_attributes.run_id = latest.run_id AND latest.state IS NOT NULL" },
        { &m_indexFacets,
          "INSERT OR IGNORE INTO event_facets (facet, value) "
          "SELECT 'kind', kind FROM events WHERE seq > ?1 AND seq <= ?2 "
          "UNION SELECT 'actor', actor FROM events WHERE seq > ?1 AND seq <= ?2" },
    };
    for (const auto &[statement, sql] : derived) {
        if (auto failure = overRange(*statement, sql))
            return StoreResult<qint64>::failure(*failure);
    }

    SqliteStatement *move =
        prepared(m_moveWatermark, "UPDATE events_fts_state SET indexed_seq = ?1 WHERE id = 1", &error);
    if (!move)
        return StoreResult<qint64>::failure(*error);
    move->bind(1, end);
    const bool moved = move->step() == SqliteStatement::Step::Done;
    if (!moved)
        error = move->errorMessage();
    move->reset();
    if (error)
        return StoreResult<qint64>::failure(*error);
    return end;
}

StoreResult<ChainHead> SqliteEventRepository::readHead(SqliteStatement &statement, const char *sql)
{
    StoreError error;
    SqliteStatement *query = prepared(statement, sql, &error);
    if (!query)
        return StoreResult<ChainHead>::failure(*error);
    ChainHead head { 0, Event::genesisHash().toLatin1() };
    switch (query->step()) {
    case SqliteStatement::Step::Row:
        head.sequence = query->columnInt64(0);
        head.hash = query->columnText(1).toByteArray();
        break;
    case SqliteStatement::Step::Done:
        break;
    case SqliteStatement::Step::Error:
        error = query->errorMessage();
        break;
    }
    query->reset();
    if (error)
        return StoreResult<ChainHead>::failure(*error);
    return head;
}

StoreResult<qint64> SqliteEventRepository::readInteger(SqliteStatement &statement, const char *sql)
{
    StoreError error;
    SqliteStatement *query = prepared(statement, sql, &error);
    if (!query)
        return StoreResult<qint64>::failure(*error);
    qint64 value = 0;
    switch (query->step()) {
    case SqliteStatement::Step::Row:
        value = query->columnInt64(0);
        break;
    case SqliteStatement::Step::Done:
        break;
    case SqliteStatement::Step::Error:
        error = query->errorMessage();
        break;
    }
    query->reset();
    if (error)
        return StoreResult<qint64>::failure(*error);
    return value;
}

StoreResult<ChainHead> SqliteEventRepository::lastEvent()
{
    return readHead(m_lastEvent, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
}

StoreResult<ChainHead> SqliteEventRepository::recordedHead()
{
    return readHead(m_recordedHead, "SELECT seq, hash FROM chain_head WHERE id = 1");
}

StoreResult<qint64> SqliteEventRepository::lastEventTime()
{
    return readInteger(m_lastTime, "SELECT time FROM events ORDER BY seq DESC LIMIT 1");
}

StoreResult<qint64> SqliteEventRepository::indexedSequence()
{
    return readInteger(m_indexed, "SELECT indexed_seq FROM events_fts_state WHERE id = 1");
}

std::optional<Event> SqliteEventRepository::event(qint64 sequence)
{
    StoreError error;
    SqliteStatement *query =
        prepared(m_eventBySequence, "SELECT " EVENT_COLUMNS " FROM events WHERE seq = ?1", &error);
    if (!query)
        return std::nullopt;
    query->bind(1, sequence);
    std::optional<Event> event;
    if (query->step() == SqliteStatement::Step::Row)
        event = decode(rowOf(*query), query->columnText(7));
    query->reset();
    return event;
}

StoreError SqliteEventRepository::forEach(qint64 fromSequence, const RowVisitor &visit)
{
    SqliteStatement query;
    if (auto error = query.prepare(m_connection.handle(),
                                   "SELECT " EVENT_COLUMNS " FROM events WHERE seq >= ?1 ORDER BY seq"))
        return error;
    query.bind(1, fromSequence);
    return visitRows(query, visit);
}

StoreError SqliteEventRepository::forEach(const EventFilter &filter, const RowVisitor &visit)
{
    qint64 from = 1;
    if (filter.sinceMs) {
        const StoreResult<qint64> first = firstSequenceAt(*filter.sinceMs);
        if (!first)
            return first.error();
        from = first.value();
    }
    const qint64 since = filter.sinceMs.value_or(std::numeric_limits<qint64>::min());
    if (filter.runId.isEmpty()) {
        SqliteStatement query;
        if (auto error = query.prepare(m_connection.handle(),
                                       "SELECT " EVENT_COLUMNS
                                       " FROM events WHERE seq >= ?1 AND time >= ?2 ORDER BY seq"))
            return error;
        query.bind(1, from);
        query.bind(2, since);
        return visitRows(query, visit);
    }

    // A run's events: from the index by run up to its watermark, then from
    // the few newer events the indexer has not reached yet.
    const StoreResult<qint64> watermark = indexedSequence();
    if (!watermark)
        return watermark.error();
    const QByteArray runId = filter.runId.toUtf8();
    bool stopped = false;
    const RowVisitor visitUntilStopped = [&](const EncodedEvent &event, QByteArrayView hash) {
        stopped = !visit(event, hash);
        return !stopped;
    };
    SqliteStatement indexed;
    if (auto error =
            indexed.prepare(m_connection.handle(),
                            "SELECT e.seq, e.run_id, e.time, e.actor, e.kind, e.payload, e.prev_hash, e.hash "
                            "FROM run_events AS r JOIN events AS e ON e.seq = r.seq "
                            "WHERE r.run_id = ?3 AND r.seq >= ?1 AND r.seq <= ?4 AND e.time >= ?2 "
                            "ORDER BY r.seq"))
        return error;
    indexed.bind(1, from);
    indexed.bind(2, since);
    indexed.bindText(3, runId);
    indexed.bind(4, watermark.value());
    if (auto error = visitRows(indexed, visitUntilStopped); error || stopped)
        return error;

    SqliteStatement recent;
    if (auto error = recent.prepare(m_connection.handle(),
                                    "SELECT " EVENT_COLUMNS " FROM events "
                                    "WHERE seq >= ?1 AND run_id = ?3 AND time >= ?2 ORDER BY seq"))
        return error;
    recent.bind(1, std::max(from, watermark.value() + 1));
    recent.bind(2, since);
    recent.bindText(3, runId);
    return visitRows(recent, visit);
}

StoreResult<qint64> SqliteEventRepository::firstSequenceAt(qint64 timeMs)
{
    // Time never decreases along the sequence, so the events at or after a
    // time form a suffix of the log: binary search for where it starts, a
    // few point lookups instead of an index on time that every append would
    // have to update. Sequences may have gaps (a damaged log), so each probe
    // takes the first event at or after the probed sequence.
    StoreError error;
    SqliteStatement *probe = prepared(
        m_firstAtOrAfter, "SELECT seq, time FROM events WHERE seq >= ?1 ORDER BY seq LIMIT 1", &error);
    if (!probe)
        return StoreResult<qint64>::failure(*error);
    const StoreResult<ChainHead> last = lastEvent();
    if (!last)
        return StoreResult<qint64>::failure(last.error());

    // The smallest s in [1, last + 1] whose first event at or after s is at
    // or after timeMs (true for last + 1, which has no event).
    qint64 low = 1;
    qint64 high = last->sequence + 1;
    while (low < high) {
        const qint64 middle = low + (high - low) / 2;
        probe->bind(1, middle);
        bool atOrAfter = true;
        qint64 found = high;
        switch (probe->step()) {
        case SqliteStatement::Step::Row:
            found = probe->columnInt64(0);
            atOrAfter = probe->columnInt64(1) >= timeMs;
            break;
        case SqliteStatement::Step::Done:
            break;
        case SqliteStatement::Step::Error:
            error = probe->errorMessage();
            break;
        }
        probe->reset();
        if (error)
            return StoreResult<qint64>::failure(*error);
        if (atOrAfter)
            high = middle;
        else
            low = found + 1;
    }
    return low;
}

StoreResult<SearchPage> SqliteEventRepository::search(const SearchRequest &request)
{
    SearchPage page;
    const StoreResult<qint64> watermark = indexedSequence();
    if (!watermark)
        return StoreResult<SearchPage>::failure(watermark.error());
    const StoreResult<ChainHead> last = lastEvent();
    if (!last)
        return StoreResult<SearchPage>::failure(last.error());
    page.unindexed = std::max<qint64>(0, last->sequence - watermark.value());

    // The inner query pages through the index alone, newest first (FTS5
    // walks rowids backwards cheaply); only the page's events are looked up.
    SqliteStatement query;
    if (auto error =
            query.prepare(m_connection.handle(),
                          "SELECT e.seq, e.run_id, e.time, e.actor, e.kind, e.payload, e.prev_hash, "
                          "e.hash, hit.snippet FROM "
                          "(SELECT rowid AS seq, snippet(events_fts, -1, ?1, ?2, '…', 16) AS snippet "
                          " FROM events_fts WHERE events_fts MATCH ?3 AND rowid < ?4 "
                          " ORDER BY rowid DESC LIMIT ?5 OFFSET ?6) AS hit "
                          "JOIN events AS e ON e.seq = hit.seq ORDER BY e.seq DESC"))
        return StoreResult<SearchPage>::failure(*error);
    const QByteArray start = request.highlightStart.toUtf8();
    const QByteArray end = request.highlightEnd.toUtf8();
    const QByteArray match = request.query.toUtf8();
    query.bindText(1, start);
    query.bindText(2, end);
    query.bindText(3, match);
    query.bind(4, request.beforeSequence > 0 ? request.beforeSequence : std::numeric_limits<qint64>::max());
    query.bind(5, qint64(request.limit) + 1);
    query.bind(6, request.offset);
    for (;;) {
        const SqliteStatement::Step step = query.step();
        if (step == SqliteStatement::Step::Done)
            break;
        if (step == SqliteStatement::Step::Error)
            return StoreResult<SearchPage>::failure(query.errorMessage());
        if (page.hits.size() == request.limit) {
            page.hasMore = true;
            break;
        }
        page.hits.append(
            SearchHit { decode(rowOf(query), query.columnText(7)), QString::fromUtf8(query.columnText(8)) });
    }
    return page;
}

} // namespace delegate
