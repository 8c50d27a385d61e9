// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgreseventrepository.h"

#include "store/postgressearchquery.h"
#include "store/runattributessql.h"
#include "store/searchtext.h"

#include <QSqlError>

#include <limits>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

const QString eventColumns = u"seq, run_id, time, actor, kind, payload, prev_hash, hash"_s;
// Rows per query when walking the log: bounded memory, few round trips.
constexpr int pageSize = 4096;
// A tsvector holds at most 1 MB; a payload with more text than this is
// searchable by its beginning.
constexpr qsizetype maxSearchText = 256 * 1024;

QString errorOf(const QSqlQuery &query)
{
    const QString database = query.lastError().databaseText().trimmed();
    return database.isEmpty() ? query.lastError().text() : database;
}

QVariant text(QByteArrayView utf8)
{
    return QString::fromUtf8(utf8);
}

QVariant textOrNull(QByteArrayView utf8)
{
    return utf8.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : text(utf8);
}

// One row's text columns, alive while its EncodedEvent is visited.
struct RowBytes
{
    QByteArray runId, actor, kind, payload, prevHash, hash;

    EncodedEvent read(const QSqlQuery &row)
    {
        runId = row.value(1).toString().toUtf8();
        actor = row.value(3).toString().toUtf8();
        kind = row.value(4).toString().toUtf8();
        payload = row.value(5).toString().toUtf8();
        prevHash = row.value(6).toString().toLatin1();
        hash = row.value(7).toString().toLatin1();
        return EncodedEvent {
            row.value(0).toLongLong(), runId, row.value(2).toLongLong(), actor, kind, payload, prevHash
        };
    }
};

} // namespace

class PostgresEventRepository::RowInserter final
{
public:
    RowInserter(QString prefix, QString row, int columns, QString suffix = {})
        : m_prefix(std::move(prefix))
        , m_row(std::move(row))
        , m_columns(columns)
        , m_suffix(std::move(suffix))
    { }

    // values holds rows * columns values, row after row.
    StoreError insert(QSqlDatabase db, const std::vector<QVariant> &values, qsizetype rows)
    {
        qsizetype done = 0;
        while (done < rows) {
            // A few statement sizes, so any count needs few statements and
            // few prepared shapes.
            qsizetype chunk = 1;
            for (qsizetype size : { 256, 32, 4 }) {
                if (rows - done >= size) {
                    chunk = size;
                    break;
                }
            }
            const auto &[query, prepared] = statement(db, chunk);
            if (!prepared)
                return errorOf(*query);
            for (qsizetype i = done * m_columns; i < (done + chunk) * m_columns; ++i)
                query->addBindValue(values[size_t(i)]);
            if (!query->exec())
                return errorOf(*query);
            query->finish();
            done += chunk;
        }
        return std::nullopt;
    }

private:
    const std::pair<std::unique_ptr<QSqlQuery>, bool> &statement(QSqlDatabase db, qsizetype rows)
    {
        auto it = m_prepared.find(rows);
        if (it == m_prepared.end()) {
            QStringList placeholders;
            for (qsizetype i = 0; i < rows; ++i)
                placeholders.append(m_row);
            auto query = std::make_unique<QSqlQuery>(db);
            const bool ok = query->prepare(m_prefix + placeholders.join(u", "_s) + m_suffix);
            it = m_prepared.emplace(rows, std::make_pair(std::move(query), ok)).first;
        }
        return it->second;
    }

    const QString m_prefix;
    const QString m_row;
    const int m_columns;
    const QString m_suffix;
    std::map<qsizetype, std::pair<std::unique_ptr<QSqlQuery>, bool>> m_prepared;
};

PostgresEventRepository::PostgresEventRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_eventInserter(std::make_unique<RowInserter>(u"INSERT INTO events (%1) VALUES "_s.arg(eventColumns),
                                                    u"(?, ?, ?, ?, ?, ?, ?, ?)"_s, 8))
    , m_searchInserter(std::make_unique<RowInserter>(
          u"INSERT INTO events_fts (seq, kind, text, document) VALUES "_s,
          u"(?, ?, ?, to_tsvector('simple', ?))"_s, 4, u" ON CONFLICT (seq) DO NOTHING"_s))
{ }

PostgresEventRepository::~PostgresEventRepository() = default;

StoreError PostgresEventRepository::run(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return u"%1 (in: %2)"_s.arg(errorOf(query), sql);
    return std::nullopt;
}

QSqlQuery *PostgresEventRepository::prepared(std::unique_ptr<QSqlQuery> &slot, const QString &sql,
                                             StoreError *error)
{
    if (!slot) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        if (!query->prepare(sql)) {
            *error = u"%1 (in: %2)"_s.arg(errorOf(*query), sql);
            return nullptr;
        }
        slot = std::move(query);
    }
    return slot.get();
}

StoreError PostgresEventRepository::beginWrite()
{
    m_pendingValues.clear();
    m_pendingRows = 0;
    if (auto error = run(u"BEGIN"_s))
        return error;
    StoreError error;
    QSqlQuery *lock = prepared(m_lockHead, u"SELECT seq FROM chain_head WHERE id = 1 FOR UPDATE"_s, &error);
    if (lock && !lock->exec())
        error = errorOf(*lock);
    if (lock)
        lock->finish();
    if (error)
        rollback();
    return error;
}

StoreError PostgresEventRepository::beginRead()
{
    if (auto error = run(u"BEGIN ISOLATION LEVEL REPEATABLE READ"_s))
        return error;
    // The snapshot is taken at the first statement: take it now.
    if (auto head = lastEvent(); !head) {
        rollback();
        return head.error();
    }
    return std::nullopt;
}

StoreError PostgresEventRepository::commit()
{
    if (auto error = flushInserts())
        return error;
    return run(u"COMMIT"_s);
}

void PostgresEventRepository::rollback()
{
    m_pendingValues.clear();
    m_pendingRows = 0;
    // Harmless when no transaction is open.
    std::ignore = run(u"ROLLBACK"_s);
}

StoreError PostgresEventRepository::insert(const EncodedEvent &event, QByteArrayView hash)
{
    m_pendingValues.push_back(event.sequence);
    m_pendingValues.push_back(textOrNull(event.runId));
    m_pendingValues.push_back(event.timeMs);
    m_pendingValues.push_back(text(event.actor));
    m_pendingValues.push_back(text(event.kind));
    m_pendingValues.push_back(text(event.payload));
    m_pendingValues.push_back(QString::fromLatin1(event.prevHash));
    m_pendingValues.push_back(QString::fromLatin1(hash));
    ++m_pendingRows;
    return std::nullopt;
}

StoreError PostgresEventRepository::flushInserts()
{
    if (m_pendingRows == 0)
        return std::nullopt;
    StoreError error = m_eventInserter->insert(m_db, m_pendingValues, m_pendingRows);
    m_pendingValues.clear();
    m_pendingRows = 0;
    return error;
}

StoreError PostgresEventRepository::recordHead(const ChainHead &head)
{
    if (auto error = flushInserts())
        return error;
    StoreError error;
    QSqlQuery *update =
        prepared(m_recordHead, u"UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1"_s, &error);
    if (!update)
        return error;
    update->addBindValue(head.sequence);
    update->addBindValue(QString::fromLatin1(head.hash));
    if (!update->exec())
        error = errorOf(*update);
    update->finish();
    return error;
}

StoreResult<qint64> PostgresEventRepository::indexPending(qint64 maxEvents)
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

    // The text is taken apart here rather than in SQL: PostgreSQL's jsonb
    // would reorder the payload's members, and its lower() does not know
    // non-ASCII letters in a C-locale database.
    std::vector<QVariant> rows;
    qsizetype count = 0;
    {
        QSqlQuery read(m_db);
        read.setForwardOnly(true);
        if (!read.prepare(u"SELECT seq, kind, payload FROM events WHERE seq > ? AND seq <= ? ORDER BY seq"_s))
            return StoreResult<qint64>::failure(errorOf(read));
        read.addBindValue(watermark.value());
        read.addBindValue(end);
        if (!read.exec())
            return StoreResult<qint64>::failure(errorOf(read));
        while (read.next()) {
            const QString kind = read.value(1).toString();
            // Not null: an event without text still gets its (empty) row.
            QString body = SearchText::ofPayload(read.value(2).toString().toUtf8()).left(maxSearchText);
            if (body.isNull())
                body = u""_s;
            rows.push_back(read.value(0).toLongLong());
            rows.push_back(kind);
            rows.push_back(body);
            rows.push_back(SearchText::normalize(QString(kind + u' ' + body)));
            ++count;
        }
    }
    if (auto error = m_searchInserter->insert(m_db, rows, count))
        return StoreResult<qint64>::failure(*error);

    StoreError error;
    QSqlQuery *runs = prepared(m_indexRuns,
                               u"INSERT INTO run_events (run_id, seq) SELECT run_id, seq FROM events "
                               "WHERE seq > ? AND seq <= ? AND run_id IS NOT NULL ON CONFLICT DO NOTHING"_s,
                               &error);
    if (!runs)
        return StoreResult<qint64>::failure(*error);
    runs->addBindValue(watermark.value());
    runs->addBindValue(end);
    if (!runs->exec())
        return StoreResult<qint64>::failure(errorOf(*runs));
    runs->finish();

    // The history timeline's run attributes and facets, as SQLite's indexer
    // keeps them: submissions first, so a run submitted and moved on within
    // one chunk ends with its latest state.
    const std::pair<std::unique_ptr<QSqlQuery> *, QString> derived[] = {
        { &m_indexRunAttributes,
          QStringLiteral("INSERT INTO run_attributes " PG_RUN_ATTRIBUTES_FROM_SUBMITTED
                         " AND seq > :from AND seq <= :to " PG_RUN_ATTRIBUTES_UPSERT) },
        { &m_indexRunStates,
          QStringLiteral("UPDATE run_attributes SET state = latest.state FROM (" PG_RUN_STATES_FROM_CHANGES
                         " AND seq > :from AND seq <= :to ORDER BY run_id, seq DESC) latest "
                         "WHERE run_attributes.run_id = latest.run_id AND latest.state IS NOT NULL") },
        { &m_indexFacets,
          QStringLiteral("INSERT INTO event_facets (facet, value) "
                         "SELECT 'kind', kind FROM events WHERE seq > :from AND seq <= :to "
                         "UNION SELECT 'actor', actor FROM events WHERE seq > :from AND seq <= :to "
                         "ON CONFLICT DO NOTHING") },
    };
    for (const auto &[statement, sql] : derived) {
        QSqlQuery *query = prepared(*statement, sql, &error);
        if (!query)
            return StoreResult<qint64>::failure(*error);
        query->bindValue(u":from"_s, watermark.value());
        query->bindValue(u":to"_s, end);
        if (!query->exec())
            return StoreResult<qint64>::failure(errorOf(*query));
        query->finish();
    }

    QSqlQuery *move =
        prepared(m_moveWatermark, u"UPDATE events_fts_state SET indexed_seq = ? WHERE id = 1"_s, &error);
    if (!move)
        return StoreResult<qint64>::failure(*error);
    move->addBindValue(end);
    if (!move->exec())
        return StoreResult<qint64>::failure(errorOf(*move));
    move->finish();
    return end;
}

StoreResult<ChainHead> PostgresEventRepository::readHead(std::unique_ptr<QSqlQuery> &slot, const QString &sql)
{
    StoreError error;
    QSqlQuery *query = prepared(slot, sql, &error);
    if (!query)
        return StoreResult<ChainHead>::failure(*error);
    if (!query->exec())
        return StoreResult<ChainHead>::failure(errorOf(*query));
    ChainHead head { 0, Event::genesisHash().toLatin1() };
    if (query->next()) {
        head.sequence = query->value(0).toLongLong();
        head.hash = query->value(1).toString().toLatin1();
    }
    query->finish();
    return head;
}

StoreResult<qint64> PostgresEventRepository::readInteger(std::unique_ptr<QSqlQuery> &slot, const QString &sql)
{
    StoreError error;
    QSqlQuery *query = prepared(slot, sql, &error);
    if (!query)
        return StoreResult<qint64>::failure(*error);
    if (!query->exec())
        return StoreResult<qint64>::failure(errorOf(*query));
    const qint64 value = query->next() ? query->value(0).toLongLong() : 0;
    query->finish();
    return value;
}

StoreResult<ChainHead> PostgresEventRepository::lastEvent()
{
    return readHead(m_lastEvent, u"SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"_s);
}

StoreResult<ChainHead> PostgresEventRepository::recordedHead()
{
    return readHead(m_recordedHead, u"SELECT seq, hash FROM chain_head WHERE id = 1"_s);
}

StoreResult<qint64> PostgresEventRepository::lastEventTime()
{
    return readInteger(m_lastTime, u"SELECT time FROM events ORDER BY seq DESC LIMIT 1"_s);
}

StoreResult<qint64> PostgresEventRepository::indexedSequence()
{
    return readInteger(m_indexed, u"SELECT indexed_seq FROM events_fts_state WHERE id = 1"_s);
}

std::optional<Event> PostgresEventRepository::event(qint64 sequence)
{
    StoreError error;
    QSqlQuery *query =
        prepared(m_eventBySequence, u"SELECT %1 FROM events WHERE seq = ?"_s.arg(eventColumns), &error);
    if (!query)
        return std::nullopt;
    query->addBindValue(sequence);
    std::optional<Event> event;
    if (query->exec() && query->next()) {
        RowBytes bytes;
        const EncodedEvent encoded = bytes.read(*query);
        event = decode(encoded, bytes.hash);
    }
    query->finish();
    return event;
}

StoreError PostgresEventRepository::visitPaged(const QString &sql, qint64 fromSequence,
                                               const QVariantList &values, const RowVisitor &visit,
                                               bool *stopped)
{
    QSqlQuery query(m_db);
    if (!query.prepare(sql + u" LIMIT %1"_s.arg(pageSize)))
        return u"%1 (in: %2)"_s.arg(errorOf(query), sql);
    qint64 from = fromSequence;
    RowBytes bytes;
    for (;;) {
        query.addBindValue(from);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return u"%1 (in: %2)"_s.arg(errorOf(query), sql);
        int rows = 0;
        while (query.next()) {
            ++rows;
            const EncodedEvent event = bytes.read(query);
            from = event.sequence + 1;
            if (!visit(event, bytes.hash)) {
                *stopped = true;
                query.finish();
                return std::nullopt;
            }
        }
        query.finish();
        if (rows < pageSize)
            return std::nullopt;
    }
}

StoreError PostgresEventRepository::forEach(qint64 fromSequence, const RowVisitor &visit)
{
    bool stopped = false;
    return visitPaged(u"SELECT %1 FROM events WHERE seq >= ? ORDER BY seq"_s.arg(eventColumns), fromSequence,
                      {}, visit, &stopped);
}

StoreError PostgresEventRepository::forEach(const EventFilter &filter, const RowVisitor &visit)
{
    qint64 from = 1;
    if (filter.sinceMs) {
        const StoreResult<qint64> first = firstSequenceAt(*filter.sinceMs);
        if (!first)
            return first.error();
        from = first.value();
    }
    const qint64 since = filter.sinceMs.value_or(std::numeric_limits<qint64>::min());
    bool stopped = false;
    if (filter.runId.isEmpty()) {
        return visitPaged(
            u"SELECT %1 FROM events WHERE seq >= ? AND time >= ? ORDER BY seq"_s.arg(eventColumns), from,
            { since }, visit, &stopped);
    }

    // As on SQLite: the index by run up to its watermark, then the few
    // newer events the indexer has not reached yet.
    const StoreResult<qint64> watermark = indexedSequence();
    if (!watermark)
        return watermark.error();
    if (auto error =
            visitPaged(u"SELECT e.seq, e.run_id, e.time, e.actor, e.kind, e.payload, e.prev_hash, e.hash "
                       "FROM run_events AS r JOIN events AS e ON e.seq = r.seq "
                       "WHERE r.seq >= ? AND r.run_id = ? AND r.seq <= ? AND e.time >= ? ORDER BY r.seq"_s,
                       from, { filter.runId, watermark.value(), since }, visit, &stopped);
        error || stopped)
        return error;
    return visitPaged(
        u"SELECT %1 FROM events WHERE seq >= ? AND run_id = ? AND time >= ? ORDER BY seq"_s.arg(eventColumns),
        std::max(from, watermark.value() + 1), { filter.runId, since }, visit, &stopped);
}

StoreResult<qint64> PostgresEventRepository::firstSequenceAt(qint64 timeMs)
{
    // The same binary search as on SQLite (time never decreases along the
    // sequence), so no index on time is needed.
    StoreError error;
    QSqlQuery *probe = prepared(
        m_firstAtOrAfter, u"SELECT seq, time FROM events WHERE seq >= ? ORDER BY seq LIMIT 1"_s, &error);
    if (!probe)
        return StoreResult<qint64>::failure(*error);
    const StoreResult<ChainHead> last = lastEvent();
    if (!last)
        return StoreResult<qint64>::failure(last.error());
    qint64 low = 1;
    qint64 high = last->sequence + 1;
    while (low < high) {
        const qint64 middle = low + (high - low) / 2;
        probe->addBindValue(middle);
        if (!probe->exec())
            return StoreResult<qint64>::failure(errorOf(*probe));
        bool atOrAfter = true;
        qint64 found = high;
        if (probe->next()) {
            found = probe->value(0).toLongLong();
            atOrAfter = probe->value(1).toLongLong() >= timeMs;
        }
        probe->finish();
        if (atOrAfter)
            high = middle;
        else
            low = found + 1;
    }
    return low;
}

StoreResult<SearchPage> PostgresEventRepository::search(const SearchRequest &request)
{
    SearchPage page;
    const StoreResult<qint64> watermark = indexedSequence();
    if (!watermark)
        return StoreResult<SearchPage>::failure(watermark.error());
    const StoreResult<ChainHead> last = lastEvent();
    if (!last)
        return StoreResult<SearchPage>::failure(last.error());
    page.unindexed = std::max<qint64>(0, last->sequence - watermark.value());

    const StoreResult<QString> tsquery = PostgresSearchQuery::fromFts5(request.query);
    if (!tsquery)
        return StoreResult<SearchPage>::failure(tsquery.error());
    if (tsquery->isEmpty())
        return page;

    // ts_headline's option values are quoted, so any highlight text works.
    const auto quoted = [](QString value) -> QString {
        return u'"' + value.replace(u'"', u"\"\""_s) + u'"';
    };
    const QString headline =
        u"StartSel=%1, StopSel=%2, MaxWords=16, MinWords=6, ShortWord=0, "
        "FragmentDelimiter=\" … \""_s.arg(quoted(request.highlightStart), quoted(request.highlightEnd));
    QSqlQuery query(m_db);
    const QString sql =
        u"SELECT e.seq, e.run_id, e.time, e.actor, e.kind, e.payload, e.prev_hash, e.hash, "
        "ts_headline('simple', CASE WHEN hit.text = '' THEN hit.kind ELSE hit.text END, "
        "to_tsquery('simple', ?), ?) FROM "
        "(SELECT seq, kind, text FROM events_fts WHERE document @@ to_tsquery('simple', ?) AND seq < ? "
        " ORDER BY seq DESC LIMIT ? OFFSET ?) AS hit "
        "JOIN events AS e ON e.seq = hit.seq ORDER BY e.seq DESC"_s;
    if (!query.prepare(sql))
        return StoreResult<SearchPage>::failure(errorOf(query));
    query.addBindValue(tsquery.value());
    query.addBindValue(headline);
    query.addBindValue(tsquery.value());
    query.addBindValue(request.beforeSequence > 0 ? request.beforeSequence
                                                  : std::numeric_limits<qint64>::max());
    query.addBindValue(qint64(request.limit) + 1);
    query.addBindValue(request.offset);
    if (!query.exec())
        return StoreResult<SearchPage>::failure(errorOf(query));
    RowBytes bytes;
    while (query.next()) {
        if (page.hits.size() == request.limit) {
            page.hasMore = true;
            break;
        }
        const EncodedEvent event = bytes.read(query);
        page.hits.append(SearchHit { decode(event, bytes.hash), query.value(8).toString() });
    }
    return page;
}

} // namespace delegate
