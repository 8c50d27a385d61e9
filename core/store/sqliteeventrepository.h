// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/eventrepository.h"
#include "store/sqlitestatement.h"

namespace delegate {

class SqliteConnection;

// The embedded store's statements, on the sqlite3 handle under QtSql:
// prepared once, on first use, and bound without copies, because the
// writer's loop runs through insert() for every event.
class SqliteEventRepository final : public EventRepository
{
public:
    explicit SqliteEventRepository(SqliteConnection &connection);

    // BEGIN IMMEDIATE: takes the write lock now, not at the first write.
    [[nodiscard]] StoreError beginWrite() override;
    // BEGIN, then a first read, so the snapshot starts here.
    [[nodiscard]] StoreError beginRead() override;
    [[nodiscard]] StoreError commit() override;
    void rollback() override;

    [[nodiscard]] StoreError insert(const EncodedEvent &event, QByteArrayView hash) override;
    [[nodiscard]] StoreError recordHead(const ChainHead &head) override;
    StoreResult<qint64> indexPending(qint64 maxEvents) override;

    StoreResult<ChainHead> lastEvent() override;
    StoreResult<ChainHead> recordedHead() override;
    StoreResult<qint64> lastEventTime() override;
    StoreResult<qint64> indexedSequence() override;
    std::optional<Event> event(qint64 sequence) override;
    [[nodiscard]] StoreError forEach(qint64 fromSequence, const RowVisitor &visit) override;
    [[nodiscard]] StoreError forEach(const EventFilter &filter, const RowVisitor &visit) override;
    StoreResult<qint64> firstSequenceAt(qint64 timeMs) override;
    StoreResult<SearchPage> search(const SearchRequest &request) override;

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
