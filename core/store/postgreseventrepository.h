// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/eventrepository.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <map>
#include <memory>
#include <vector>

namespace delegate {

// The team store's statements, on PostgreSQL through QPSQL.
//
// Inserts are held back and sent as multi-row prepared INSERTs when the
// writer records the head (once per batch), so a group commit costs a few
// round trips to the server instead of one per event. Full-text search uses
// a tsvector column with a GIN index, filled by indexPending() like FTS5 on
// SQLite; queries in FTS5's syntax are translated (PostgresSearchQuery).
class PostgresEventRepository final : public EventRepository
{
public:
    explicit PostgresEventRepository(QSqlDatabase db);
    ~PostgresEventRepository() override;

    // BEGIN, then a row lock on the recorded head: writers (and indexers) of
    // one store take turns, as BEGIN IMMEDIATE makes them on SQLite.
    [[nodiscard]] StoreError beginWrite() override;
    // A REPEATABLE READ transaction: one snapshot for all its reads.
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
    // A multi-row INSERT: the statement for n rows is prepared once, on
    // first use.
    class RowInserter;

    StoreError flushInserts();
    QSqlQuery *prepared(std::unique_ptr<QSqlQuery> &slot, const QString &sql, StoreError *error);
    StoreError run(const QString &sql);
    StoreResult<ChainHead> readHead(std::unique_ptr<QSqlQuery> &slot, const QString &sql);
    StoreResult<qint64> readInteger(std::unique_ptr<QSqlQuery> &slot, const QString &sql);
    // Runs a prepared query with its values bound, and visits every row, in
    // pages of keyset-bounded queries when the query takes a start sequence.
    StoreError visitPaged(const QString &sql, qint64 fromSequence, const QVariantList &values,
                          const RowVisitor &visit, bool *stopped);

    QSqlDatabase m_db;
    std::unique_ptr<RowInserter> m_eventInserter;
    std::unique_ptr<RowInserter> m_searchInserter;
    std::vector<QVariant> m_pendingValues;
    qsizetype m_pendingRows = 0;
    std::unique_ptr<QSqlQuery> m_lockHead;
    std::unique_ptr<QSqlQuery> m_recordHead;
    std::unique_ptr<QSqlQuery> m_lastEvent;
    std::unique_ptr<QSqlQuery> m_recordedHead;
    std::unique_ptr<QSqlQuery> m_lastTime;
    std::unique_ptr<QSqlQuery> m_indexed;
    std::unique_ptr<QSqlQuery> m_indexRuns;
    std::unique_ptr<QSqlQuery> m_indexRunAttributes;
    std::unique_ptr<QSqlQuery> m_indexRunStates;
    std::unique_ptr<QSqlQuery> m_indexFacets;
    std::unique_ptr<QSqlQuery> m_moveWatermark;
    std::unique_ptr<QSqlQuery> m_eventBySequence;
    std::unique_ptr<QSqlQuery> m_firstAtOrAfter;
};

} // namespace delegate
