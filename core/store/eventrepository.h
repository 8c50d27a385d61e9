// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/event.h"
#include "store/search.h"
#include "store/storeresult.h"

#include <functional>
#include <optional>

namespace delegate {

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

// Every SQL statement about events, behind one interface so the writer, the
// readers, the chain verifier, search and export run unchanged on each
// database the store supports (SqliteEventRepository for the embedded store,
// PostgresEventRepository for a team server). A repository works on a
// connection owned by someone else, from that connection's thread.
class EventRepository
{
public:
    // Reads one event as stored: views valid during the call. Returns false
    // to stop.
    using RowVisitor = std::function<bool(const EncodedEvent &event, QByteArrayView hash)>;

    EventRepository() = default;
    virtual ~EventRepository() = default;
    Q_DISABLE_COPY_MOVE(EventRepository)

    // --- Transactions
    // Takes the write lock now, not at the first write, so two writers on
    // one store take turns.
    [[nodiscard]] virtual StoreError beginWrite() = 0;
    // The reads until commit() or rollback() see one snapshot.
    [[nodiscard]] virtual StoreError beginRead() = 0;
    [[nodiscard]] virtual StoreError commit() = 0;
    virtual void rollback() = 0;

    // --- Writing (inside beginWrite() ... commit())
    // A repository may hold inserts back and send them together; they are
    // all written (or the error reported) by recordHead() or commit().
    [[nodiscard]] virtual StoreError insert(const EncodedEvent &event, QByteArrayView hash) = 0;
    [[nodiscard]] virtual StoreError recordHead(const ChainHead &head) = 0;
    // Indexes the events after the watermark for full-text search, by run
    // and (SQLite) by run attributes and facets for the history timeline's
    // filters, at most maxEvents of them, and moves the watermark. Returns
    // the new watermark.
    virtual StoreResult<qint64> indexPending(qint64 maxEvents) = 0;

    // --- Reading
    // The newest event in the table.
    virtual StoreResult<ChainHead> lastEvent() = 0;
    // The head the writer recorded with its last commit.
    virtual StoreResult<ChainHead> recordedHead() = 0;
    virtual StoreResult<qint64> lastEventTime() = 0;
    virtual StoreResult<qint64> indexedSequence() = 0;
    virtual std::optional<Event> event(qint64 sequence) = 0;
    // Events from fromSequence on, in sequence order.
    [[nodiscard]] virtual StoreError forEach(qint64 fromSequence, const RowVisitor &visit) = 0;
    // A filter by run needs schema version 4.
    [[nodiscard]] virtual StoreError forEach(const EventFilter &filter, const RowVisitor &visit) = 0;
    // The first sequence whose event is at or after the time; one past the
    // newest event when none is.
    virtual StoreResult<qint64> firstSequenceAt(qint64 timeMs) = 0;
    virtual StoreResult<SearchPage> search(const SearchRequest &request) = 0;

    static Event decode(const EncodedEvent &event, QByteArrayView hash);
};

} // namespace delegate
