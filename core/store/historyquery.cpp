// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/historyquery.h"

#include "store/eventrepository.h"
#include "store/sqliteconnection.h"
#include "store/sqlitestatement.h"

#include <variant>
#include <vector>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

// A window starts small, so a dense filter's first page reads little, and
// doubles up to this, so a sparse filter does not pay a statement per few
// thousand sequences.
constexpr qint64 firstWindow = 4096;
constexpr qint64 largestWindow = 262'144;

// Numbered parameters that every statement shares; the filter's own follow.
enum Parameter { Low = 1, High, Limit, HighlightStart, HighlightEnd, Match, FirstFilter };

enum class Source {
    Scan, // the events table by sequence
    Search, // the full-text index, newest or oldest match first
    RunIndex, // run_events: one run's indexed events
};

using Value = std::variant<qint64, QByteArray>;

// The WHERE conditions for a filter's fields, on the events as "e", with
// their values in parameter order from FirstFilter on.
struct FilterSql
{
    QByteArray conditions;
    std::vector<Value> values;

    QByteArray next(Value value)
    {
        values.push_back(std::move(value));
        return '?' + QByteArray::number(qsizetype(FirstFilter) + qsizetype(values.size()) - 1);
    }

    explicit FilterSql(const HistoryFilter &filter)
    {
        if (!filter.runId.isEmpty())
            conditions += " AND e.run_id = " + next(filter.runId.toUtf8());
        if (!filter.actor.isEmpty())
            conditions += " AND e.actor = " + next(filter.actor.toUtf8());
        if (!filter.kinds.isEmpty()) {
            QByteArrayList terms;
            for (const QString &kind : filter.kinds) {
                if (kind.endsWith(u".*"_s)) {
                    const QByteArray prefix = next(kind.chopped(1).toUtf8());
                    terms.append("substr(e.kind, 1, length(" + prefix + ")) = " + prefix);
                } else {
                    terms.append("e.kind = " + next(kind.toUtf8()));
                }
            }
            conditions += " AND (" + terms.join(" OR ") + ')';
        }
        if (!filter.hasRunAttributes())
            return;
        QByteArray runs = "SELECT run_id FROM run_attributes WHERE 1";
        if (!filter.taskTitle.isEmpty()) {
            QString pattern = filter.taskTitle;
            pattern.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
            runs += " AND task_title LIKE " + next(QString(u'%' + pattern + u'%').toUtf8()) + " ESCAPE '\\'";
        }
        if (!filter.skill.isEmpty())
            runs += " AND skill = " + next(filter.skill.toUtf8());
        if (!filter.agent.isEmpty()) {
            const QByteArray agent = next(filter.agent.toUtf8());
            runs += " AND (agent = " + agent + " OR substr(agent, 1, length(" + agent + ") + 1) = " + agent
                + " || '/')";
        }
        if (!filter.environment.isEmpty())
            runs += " AND environment = " + next(filter.environment.toUtf8());
        if (!filter.states.isEmpty()) {
            QByteArrayList states;
            for (const QString &state : filter.states)
                states.append(next(state.toUtf8()));
            runs += " AND state IN (" + states.join(", ") + ')';
        }
        conditions += " AND e.run_id IN (" + runs + ')';
    }
};

QByteArray statementFor(Source source, const FilterSql &filter, bool oldestFirst)
{
    QByteArray sql = "SELECT e.seq, e.run_id, e.time, e.actor, e.kind, e.payload, e.prev_hash, e.hash, ";
    QByteArray order;
    switch (source) {
    case Source::Scan:
        sql += "NULL FROM events AS e WHERE e.seq >= ?1 AND e.seq <= ?2";
        order = "e.seq";
        break;
    case Source::Search:
        sql += "snippet(events_fts, -1, ?4, ?5, '…', 16) FROM events_fts JOIN events AS e "
               "ON e.seq = events_fts.rowid WHERE events_fts MATCH ?6 "
               "AND events_fts.rowid >= ?1 AND events_fts.rowid <= ?2";
        order = "events_fts.rowid";
        break;
    case Source::RunIndex:
        // The run's id is the first filter value (FilterSql puts it first).
        sql += "NULL FROM run_events AS r JOIN events AS e ON e.seq = r.seq "
               "WHERE r.run_id = ?7 AND r.seq >= ?1 AND r.seq <= ?2";
        order = "r.seq";
        break;
    }
    sql += filter.conditions;
    sql += " ORDER BY " + order + (oldestFirst ? " ASC" : " DESC") + " LIMIT ?3";
    return sql;
}

EncodedEvent rowOf(const SqliteStatement &row)
{
    EncodedEvent event;
    event.sequence = row.columnInt64(0);
    event.runId = row.columnText(1);
    event.timeMs = row.columnInt64(2);
    event.actor = row.columnText(3);
    event.kind = row.columnText(4);
    event.payload = row.columnText(5);
    event.prevHash = row.columnText(6);
    return event;
}

// A range of sequences read from one source.
struct Segment
{
    Source source;
    qint64 low;
    qint64 high;
    bool windowed;
};

} // namespace

struct HistoryQuery::Walk
{
    qint64 delivered = 0;
    qint64 lastDelivered = 0;
    bool stopped = false; // the visitor had enough
    bool exhausted = false; // the whole range was looked through
    // Where a walk cut short by the scan limit stopped: the next walk goes
    // on after it (before it, newest first).
    qint64 boundary = 0;
    qint64 unindexed = 0;
};

HistoryQuery::HistoryQuery(SqliteConnection &connection, EventRepository &events)
    : m_connection(connection)
    , m_events(events)
{ }

StoreError HistoryQuery::walk(const HistoryRequest &request, qint64 wanted, qint64 scanLimit,
                              const Visitor &visit, Walk &state)
{
    const StoreResult<ChainHead> last = m_events.lastEvent();
    if (!last)
        return last.error();
    const StoreResult<qint64> watermark = m_events.indexedSequence();
    if (!watermark)
        return watermark.error();
    state.unindexed = std::max<qint64>(0, last->sequence - watermark.value());

    const HistoryFilter &filter = request.filter;
    qint64 low = 1;
    qint64 high = last->sequence;
    if (filter.sinceMs) {
        const StoreResult<qint64> first = m_events.firstSequenceAt(*filter.sinceMs);
        if (!first)
            return first.error();
        low = first.value();
    }
    if (filter.untilMs) {
        const StoreResult<qint64> end = m_events.firstSequenceAt(*filter.untilMs);
        if (!end)
            return end.error();
        high = end.value() - 1;
    }
    if (request.cursor > 0) {
        if (request.oldestFirst)
            low = std::max(low, request.cursor + 1);
        else
            high = std::min(high, request.cursor - 1);
    }

    std::vector<Segment> segments;
    if (!request.query.isEmpty()) {
        // FTS5 reads a term's whole match list for each statement, whatever
        // the rowid range, so windows would read it again and again: one
        // statement walks the matches newest first until the page is full.
        segments.push_back({ Source::Search, low, high, false });
    } else if (!filter.runId.isEmpty()) {
        // The index by run up to its watermark, the few newer events by scan.
        const Segment indexed { Source::RunIndex, low, std::min(high, watermark.value()), false };
        const Segment recent { Source::Scan, std::max(low, watermark.value() + 1), high, true };
        if (request.oldestFirst)
            segments = { indexed, recent };
        else
            segments = { recent, indexed };
    } else {
        segments.push_back({ Source::Scan, low, high, true });
    }

    const FilterSql filterSql(filter);
    const QByteArray start = request.highlightStart.toUtf8();
    const QByteArray end = request.highlightEnd.toUtf8();
    const QByteArray match = request.query.toUtf8();
    qint64 scanned = 0;
    for (const Segment &segment : segments) {
        if (segment.low > segment.high)
            continue;
        SqliteStatement statement;
        const QByteArray sql = statementFor(segment.source, filterSql, request.oldestFirst);
        if (auto error = statement.prepare(m_connection.handle(), sql.constData()))
            return error;
        if (segment.source == Source::Search) {
            statement.bindText(HighlightStart, start);
            statement.bindText(HighlightEnd, end);
            statement.bindText(Match, match);
        }
        for (size_t i = 0; i < filterSql.values.size(); ++i) {
            const int index = FirstFilter + int(i);
            if (const auto *number = std::get_if<qint64>(&filterSql.values[i]))
                statement.bind(index, *number);
            else
                statement.bindText(index, std::get<QByteArray>(filterSql.values[i]));
        }

        qint64 window = segment.windowed ? std::min(firstWindow, scanLimit) : segment.high - segment.low + 1;
        // Newest first walks down from high, oldest first up from low.
        qint64 next = request.oldestFirst ? segment.low : segment.high;
        while (request.oldestFirst ? next <= segment.high : next >= segment.low) {
            const qint64 from = request.oldestFirst ? next : std::max(segment.low, next - window + 1);
            const qint64 to = request.oldestFirst ? std::min(segment.high, next + window - 1) : next;
            statement.reset();
            statement.bind(Low, from);
            statement.bind(High, to);
            statement.bind(Limit,
                           wanted == std::numeric_limits<qint64>::max() ? -1 : wanted - state.delivered);
            for (;;) {
                const SqliteStatement::Step step = statement.step();
                if (step == SqliteStatement::Step::Done)
                    break;
                if (step == SqliteStatement::Step::Error)
                    return statement.errorMessage();
                const EncodedEvent event = rowOf(statement);
                ++state.delivered;
                state.lastDelivered = event.sequence;
                if (!visit(event, statement.columnText(7), statement.columnText(8))
                    || state.delivered >= wanted) {
                    state.stopped = true;
                    return std::nullopt;
                }
            }
            scanned += to - from + 1;
            next = request.oldestFirst ? to + 1 : from - 1;
            if (segment.windowed)
                window = std::min({ window * 2, largestWindow, std::max<qint64>(1, scanLimit - scanned) });
            const bool segmentLeft = request.oldestFirst ? next <= segment.high : next >= segment.low;
            const bool moreSegments = &segment != &segments.back();
            if (scanned >= scanLimit && (segmentLeft || moreSegments)) {
                state.boundary = request.oldestFirst ? to : from;
                return std::nullopt;
            }
        }
    }
    state.exhausted = true;
    return std::nullopt;
}

StoreResult<HistoryPage> HistoryQuery::page(const HistoryRequest &request)
{
    HistoryPage page;
    const int limit = std::max(1, request.limit);
    Walk state;
    const Visitor collect = [&](const EncodedEvent &event, QByteArrayView hash, QByteArrayView snippet) {
        if (page.entries.size() < limit)
            page.entries.append(
                SearchHit { EventRepository::decode(event, hash), QString::fromUtf8(snippet) });
        return true;
    };
    if (auto error = walk(request, qint64(limit) + 1, std::max<qint64>(1, request.scanLimit), collect, state))
        return StoreResult<HistoryPage>::failure(*error);
    page.unindexed = state.unindexed;
    const qint64 lastKept = page.entries.isEmpty() ? 0 : page.entries.constLast().event.sequence;
    if (state.stopped) {
        // One more than the page matched: the next page starts with it.
        page.hasMore = true;
        page.nextCursor = lastKept;
    } else if (!state.exhausted) {
        page.hasMore = true;
        page.nextCursor = state.boundary;
    } else {
        page.nextCursor = lastKept != 0 ? lastKept : request.cursor;
    }
    return page;
}

StoreError HistoryQuery::forEach(const HistoryRequest &request, const Visitor &visit)
{
    Walk state;
    return walk(request, std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::max(), visit,
                state);
}

StoreResult<HistoryFacets> HistoryQuery::facets()
{
    HistoryFacets facets;
    const std::pair<const char *, QStringList *> queries[] = {
        { "SELECT value FROM event_facets WHERE facet = 'kind' ORDER BY value", &facets.kinds },
        { "SELECT value FROM event_facets WHERE facet = 'actor' ORDER BY value", &facets.actors },
        { "SELECT DISTINCT skill FROM run_attributes WHERE skill <> '' ORDER BY 1", &facets.skills },
        { "SELECT DISTINCT agent FROM run_attributes WHERE agent <> '' ORDER BY 1", &facets.agents },
        { "SELECT DISTINCT environment FROM run_attributes WHERE environment <> '' ORDER BY 1",
          &facets.environments },
        // The most recently submitted first; a store with many runs offers
        // the recent ones and leaves the rest to typing.
        { "SELECT task_title FROM run_attributes WHERE task_title <> '' GROUP BY task_title "
          "ORDER BY max(submitted_seq) DESC LIMIT 200",
          &facets.tasks },
    };
    for (const auto &[sql, out] : queries) {
        SqliteStatement statement;
        if (auto error = statement.prepare(m_connection.handle(), sql))
            return StoreResult<HistoryFacets>::failure(*error);
        for (;;) {
            const SqliteStatement::Step step = statement.step();
            if (step == SqliteStatement::Step::Done)
                break;
            if (step == SqliteStatement::Step::Error)
                return StoreResult<HistoryFacets>::failure(statement.errorMessage());
            out->append(QString::fromUtf8(statement.columnText(0)));
        }
    }
    return facets;
}

} // namespace delegate
