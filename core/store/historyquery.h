// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/event.h"
#include "store/historyfilter.h"
#include "store/search.h"
#include "store/storeresult.h"

#include <QList>

#include <functional>
#include <limits>

namespace delegate {

class EventRepository;
class SqliteConnection;

// One page of the history timeline, or of a full-text search in it.
struct HistoryRequest
{
    HistoryFilter filter;
    QString query; // FTS5 syntax (SearchRequest::fromWords for plain words); empty: every event
    bool oldestFirst = false;
    // Keyset paging on the sequence: newest first, only events before this
    // sequence; oldest first, only events after it. 0: from the start. A
    // page's nextCursor continues where it stopped, also while events arrive.
    qint64 cursor = 0;
    int limit = 50;
    // How many sequences one timeline page looks through at most. A filter that
    // matches few events returns a short (even empty) page with hasMore set
    // after this many, so that every page comes back quickly; the next page
    // goes on from there.
    qint64 scanLimit = 1'048'576;
    QString highlightStart = QStringLiteral("[");
    QString highlightEnd = QStringLiteral("]");
};

struct HistoryPage
{
    QList<SearchHit> entries; // snippet only for a search
    bool hasMore = false;
    qint64 nextCursor = 0;
    // The newest events the indexes have not reached yet. Search and the
    // run-attribute filters cannot find them until the writer indexes them.
    qint64 unindexed = 0;
};

// The values the filters can take, for a filter bar to offer.
struct HistoryFacets
{
    QStringList kinds;
    QStringList actors;
    QStringList skills;
    QStringList agents;
    QStringList environments;
    QStringList tasks;
};

// The history's queries over one store connection: pages of events, newest or
// oldest first, filtered and optionally searched, never holding more than a
// page. Plain pages scan the log backwards (or forwards) by sequence in
// growing windows, at most scanLimit sequences a page; a run's events come
// from the index by run; a search is driven by the full-text index's
// matches (scanLimit does not apply). Time ranges become sequence ranges (time
// never decreases along the sequence).
class HistoryQuery final
{
public:
    // Reads one event: views valid during the call. Returns false to stop.
    using Visitor =
        std::function<bool(const EncodedEvent &event, QByteArrayView hash, QByteArrayView snippet)>;

    HistoryQuery(SqliteConnection &connection, EventRepository &events);

    StoreResult<HistoryPage> page(const HistoryRequest &request);
    // Every matching event from the cursor on, in the request's order,
    // streamed without limit or scan bound (for exports); request.limit is
    // ignored. Returns the sequence range's end that was reached.
    [[nodiscard]] StoreError forEach(const HistoryRequest &request, const Visitor &visit);
    StoreResult<HistoryFacets> facets();

private:
    struct Walk;
    [[nodiscard]] StoreError walk(const HistoryRequest &request, qint64 wanted, qint64 scanLimit,
                                  const Visitor &visit, Walk &state);

    SqliteConnection &m_connection;
    EventRepository &m_events;
};

} // namespace delegate
