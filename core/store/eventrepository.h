// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/event.h"
#include "store/search.h"
#include "store/sqlitestatement.h"
#include "store/storeresult.h"

#include <functional>
#include <optional>

namespace delegate {

class SqliteConnection;

// The newest event of the chain: its sequence and hash (64 zeros and 0 for an
// empty chain).
struct ChainHead
{
    qint64 sequence = 0;
    QByteArray hash;
};

// Which events to read, in sequence order.
struct EventFilter
{
    std::optional<qint64> sinceMs; // events at or after this time
    QString runId; // only this run's events; empty: all
};

// Every SQL statement about events lives here, so that another database
// (PostgreSQL for teams) can follow by providing the same operations. It
// works on a connection owned by someone else, from that connection's thread.
// Statements are prepared once, on first use.
class EventRepository final
{
public:
    // Reads one event as stored: views into SQLite's row, valid during the
    // call. Returns false to stop.
    using RowVisitor = std::function<bool(const EncodedEvent &event, QByteArrayView hash)>;

    explicit EventRepository(SqliteConnection &connection);
    Q_DISABLE_COPY_MOVE(EventRepository)

    // --- Transactions
    // BEGIN IMMEDIATE: takes the write lock now, not at the first write.
    [[nodiscard]] StoreError beginWrite();
    // BEGIN: the reads until endRead() see one snapshot.
    [[nodiscard]] StoreError beginRead();
    [[nodiscard]] StoreError commit();
    void rollback();

    // --- Writing (inside beginWrite() ... commit())
    [[nodiscard]] StoreError insert(const EncodedEvent &event, QByteArrayView hash);
    [[nodiscard]] StoreError recordHead(const ChainHead &head);
    // Indexes the events after the watermark for full-text search, by run
    // and by run attributes and facets (the history timeline's filters), at
    // most maxEvents of them, and moves the watermark. Returns the new
    // watermark.
    StoreResult<qint64> indexPending(qint64 maxEvents);

    // --- Reading
    // The newest event in the table.
    StoreResult<ChainHead> lastEvent();
    // The head the writer recorded with its last commit.
    StoreResult<ChainHead> recordedHead();
    StoreResult<qint64> lastEventTime();
    StoreResult<qint64> indexedSequence();
    std::optional<Event> event(qint64 sequence);
    // Events from fromSequence on, in sequence order.
    [[nodiscard]] StoreError forEach(qint64 fromSequence, const RowVisitor &visit);
    // A filter by run needs schema version 4.
    [[nodiscard]] StoreError forEach(const EventFilter &filter, const RowVisitor &visit);
    // The first sequence whose event is at or after the time; one past the
    // newest event when none is.
    StoreResult<qint64> firstSequenceAt(qint64 timeMs);
    StoreResult<SearchPage> search(const SearchRequest &request);

    static Event decode(const EncodedEvent &event, QByteArrayView hash);

private:
    SqliteStatement *prepared(SqliteStatement &statement, const char *sql, StoreError *error);
    StoreResult<ChainHead> readHead(SqliteStatement &statement, const char *sql);
    StoreResult<qint64> readInteger(SqliteStatement &statement, const char *sql);

    SqliteConnection &m_connection;
    SqliteStatement m_insert;
    SqliteStatement m_recordHead;
    SqliteStatement m_lastEvent;
    SqliteStatement m_recordedHead;
    SqliteStatement m_lastTime;
    SqliteStatement m_indexed;
    SqliteStatement m_indexRange;
    SqliteStatement m_indexRuns;
    SqliteStatement m_indexRunAttributes;
    SqliteStatement m_indexRunStates;
    SqliteStatement m_indexFacets;
    SqliteStatement m_moveWatermark;
    SqliteStatement m_eventBySequence;
    SqliteStatement m_firstAtOrAfter;
};

} // namespace delegate
