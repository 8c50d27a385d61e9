// SPDX-License-Identifier: GPL-3.0-or-later
#include "runeventmodel.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "models/eventtext.h"
#include "models/topicsubscriptions.h"
#include "style/displayformat.h"

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr int pageSize = 1000;
constexpr int flushIntervalMs = 100;
// Notifications kept while the history is read; past this the read starts
// over instead, so an engine that cannot be read does not fill memory.
constexpr qsizetype earlyLimit = 20000;

bool isCollapsible(const QString &kind)
{
    return kind == "tool.call"_L1 || kind == "tool.result"_L1 || kind == "agent.thinking"_L1
        || kind == "agent.raw"_L1;
}

} // namespace

RunEventModel::RunEventModel(EngineHub *hub, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
{
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &RunEventModel::flushPending);
}

RunEventModel::~RunEventModel()
{
    disconnectSession();
}

void RunEventModel::setRun(const QString &engine, const QString &runId)
{
    if (engine == m_engine && runId == m_runId)
        return;
    disconnectSession();
    ++m_generation;
    m_flush.stop();
    beginResetModel();
    m_items.clear();
    m_pending.clear();
    m_changedRows.clear();
    m_openCalls.clear();
    m_early.clear();
    m_lastSequence = 0;
    m_eventCount = 0;
    m_engine = engine;
    m_runId = runId;
    endResetModel();
    m_readAgain = false;
    setError({});
    if (runId.isEmpty()) {
        setLoading(false);
        return;
    }
    EngineSession *session = m_hub ? m_hub->engine(engine) : nullptr;
    if (!session) {
        setLoading(false);
        setError(tr("There is no engine called “%1”.").arg(engine));
        return;
    }
    connectSession(session);
    setLoading(true);
    // Subscribe before reading, so no event falls between the last page and
    // the first notification; duplicates are dropped by sequence.
    m_topic = u"events:"_s + runId;
    TopicSubscriptions::of(session)->acquire(m_topic);
    if (session->isConnected())
        readFrom(0);
}

void RunEventModel::connectSession(EngineSession *session)
{
    m_session = session;
    m_connections.append(connect(session, &EngineSession::notificationReceived, this,
                                 [this](const QString &method, const QJsonObject &params) {
                                     if (method != "event.appended"_L1)
                                         return;
                                     const QJsonObject event = params.value("event"_L1).toObject();
                                     if (event.value("run_id"_L1).toString() != m_runId)
                                         return;
                                     if (!m_loading && m_error.isEmpty()) {
                                         take(event);
                                         return;
                                     }
                                     m_early.append(event);
                                     if (m_early.size() > earlyLimit) {
                                         m_early.clear();
                                         m_readAgain = true;
                                     }
                                 }));
    // After a reconnection or lost notifications, read what came since the
    // last event taken.
    const auto catchUp = [this] {
        if (m_runId.isEmpty())
            return;
        if (m_loading && m_reading) {
            m_readAgain = true;
            return;
        }
        setLoading(true);
        readFrom(m_lastSequence);
    };
    m_connections.append(connect(session, &EngineSession::ready, this, catchUp));
    m_connections.append(connect(session, &EngineSession::resyncNeeded, this, catchUp));
}

void RunEventModel::disconnectSession()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    if (m_session && !m_topic.isEmpty())
        TopicSubscriptions::of(m_session)->release(m_topic);
    m_topic.clear();
    m_session = nullptr;
    m_reading = false;
}

void RunEventModel::readFrom(qint64 afterSequence)
{
    if (!m_session)
        return;
    m_reading = true;
    const quint64 generation = m_generation;
    const QJsonObject params { { u"run_id"_s, m_runId },
                               { u"after_sequence"_s, afterSequence },
                               { u"limit"_s, pageSize } };
    QCoro::connect(m_session->call(u"runs.events"_s, params), this,
                   [this, generation](const rpc::RpcOutcome &outcome) {
                       if (generation != m_generation)
                           return;
                       m_reading = false;
                       if (outcome.error) {
                           setLoading(false);
                           setError(tr("The run's events could not be read: %1").arg(outcome.error->message));
                           return;
                       }
                       onPage(outcome.result.toObject());
                   });
}

void RunEventModel::onPage(const QJsonObject &result)
{
    const QJsonArray events = result.value("events"_L1).toArray();
    for (const QJsonValue &event : events)
        take(event.toObject());
    if (events.size() >= pageSize) {
        readFrom(std::max(m_lastSequence, result.value("last_sequence"_L1).toInteger()));
        return;
    }
    if (m_readAgain) {
        m_readAgain = false;
        readFrom(m_lastSequence);
        return;
    }
    // Caught up: what came by notification meanwhile follows the history.
    const QList<QJsonObject> early = std::exchange(m_early, {});
    for (const QJsonObject &event : early)
        take(event);
    setError({});
    setLoading(false);
}

void RunEventModel::appendEvents(const QJsonArray &events)
{
    for (const QJsonValue &event : events)
        take(event.toObject());
}

void RunEventModel::take(const QJsonObject &event)
{
    const qint64 sequence = event.value("sequence"_L1).toInteger();
    if (sequence <= m_lastSequence)
        return;
    m_lastSequence = sequence;
    ++m_eventCount;
    const QString kind = event.value("kind"_L1).toString();
    const QJsonObject payload = event.value("payload"_L1).toObject();
    const QString callId = payload.value("id"_L1).toString();
    if (kind == "tool.result"_L1 && !callId.isEmpty()) {
        const auto open = m_openCalls.constFind(callId);
        if (open != m_openCalls.cend()) {
            const qsizetype at = open.value();
            m_openCalls.erase(open);
            if (Item *call = itemAt(at)) {
                call->result = payload;
                call->searchText.clear();
                if (at < m_items.size())
                    m_changedRows.insert(int(at));
                scheduleFlush();
                return;
            }
        }
    }
    if (kind == "run.usage"_L1) {
        const qsizetype last = m_items.size() + m_pending.size() - 1;
        Item *turn = last >= 0 ? itemAt(last) : nullptr;
        if (turn && turn->kind == "agent.usage"_L1 && turn->totals.isEmpty()) {
            turn->totals = payload;
            turn->searchText.clear();
            if (last < m_items.size())
                m_changedRows.insert(int(last));
            scheduleFlush();
            return;
        }
    }
    Item item;
    item.sequence = sequence;
    item.kind = kind;
    item.actor = event.value("actor"_L1).toString();
    item.time = event.value("time"_L1).toString();
    item.payload = payload;
    if (kind == "tool.call"_L1 && !callId.isEmpty())
        m_openCalls.insert(callId, m_items.size() + m_pending.size());
    m_pending.append(std::move(item));
    scheduleFlush();
}

RunEventModel::Item *RunEventModel::itemAt(qsizetype combinedIndex)
{
    if (combinedIndex < m_items.size())
        return &m_items[combinedIndex];
    const qsizetype pending = combinedIndex - m_items.size();
    return pending < m_pending.size() ? &m_pending[pending] : nullptr;
}

void RunEventModel::scheduleFlush()
{
    if (m_flush.isActive())
        return;
    // At most one insertion per interval, but no wait after a quiet spell.
    const qint64 since = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : flushIntervalMs;
    m_flush.start(int(std::clamp<qint64>(flushIntervalMs - since, 0, flushIntervalMs)));
}

void RunEventModel::flushPending()
{
    m_flush.stop();
    m_sinceFlush.restart();
    if (!m_changedRows.isEmpty()) {
        const QSet<int> changed = std::exchange(m_changedRows, {});
        static const QList<int> roles { HasResultRole,  ResultRole,      UsageTotalsRole,
                                        SearchTextRole, Qt::DisplayRole, DisplayTextRole };
        for (int row : changed)
            Q_EMIT dataChanged(index(row), index(row), roles);
    }
    if (m_pending.isEmpty())
        return;
    const int first = int(m_items.size());
    beginInsertRows({}, first, first + int(m_pending.size()) - 1);
    m_items.append(std::move(m_pending));
    m_pending = {};
    endInsertRows();
}

void RunEventModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void RunEventModel::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged(message);
}

void RunEventModel::setExpanded(int row, bool expanded)
{
    if (row < 0 || row >= m_items.size() || m_items.at(row).expanded == expanded)
        return;
    m_items[row].expanded = expanded;
    Q_EMIT dataChanged(index(row), index(row), { ExpandedRole });
}

bool RunEventModel::isExpanded(int row) const
{
    return row >= 0 && row < m_items.size() && m_items.at(row).expanded;
}

const QString &RunEventModel::searchTextOf(const Item &item) const
{
    if (item.searchText.isEmpty())
        item.searchText =
            (item.kind == "agent.usage"_L1 ? eventtext::usageSummary(item.payload, item.totals)
                                           : eventtext::searchText(item.kind, item.payload, item.result))
                .toLower();
    return item.searchText;
}

int RunEventModel::find(const QString &text, int from, bool backwards) const
{
    const int count = int(m_items.size());
    if (text.isEmpty() || count == 0)
        return -1;
    const QString needle = text.toLower();
    if (from < 0 || from >= count)
        from = backwards ? count : -1;
    for (int step = 1; step <= count; ++step) {
        const int row = backwards ? (from - step + 2 * count) % count : (from + step) % count;
        if (searchTextOf(m_items.at(row)).contains(needle))
            return row;
    }
    return -1;
}

int RunEventModel::countMatches(const QString &text) const
{
    if (text.isEmpty())
        return 0;
    const QString needle = text.toLower();
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
                             [&](const Item &item) { return searchTextOf(item).contains(needle); }));
}

QString RunEventModel::fullText(int row) const
{
    if (row < 0 || row >= m_items.size())
        return {};
    const Item &item = m_items.at(row);
    return eventtext::searchText(item.kind, item.payload, item.result);
}

int RunEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant RunEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayTextRole:
        if (item.kind == "agent.usage"_L1)
            return QString(eventtext::label(item.kind, item.payload) + u": "_s
                           + eventtext::usageSummary(item.payload, item.totals));
        return QString(eventtext::label(item.kind, item.payload) + u": "_s
                       + eventtext::oneLine(eventtext::summary(item.kind, item.payload), 300));
    case Qt::ToolTipRole:
        return tr("%1 by %2").arg(displayformat::exactTime(displayformat::parseTime(item.time)), item.actor);
    case KindRole:
        return item.kind;
    case ActorRole:
        return item.actor;
    case TimeRole:
        return displayformat::parseTime(item.time);
    case PayloadRole:
        return item.payload;
    case SequenceRole:
        return item.sequence;
    case CallIdRole:
        return item.kind == "tool.call"_L1 ? item.payload.value("id"_L1).toString() : QString();
    case HasResultRole:
        return !item.result.isEmpty();
    case ResultRole:
        return item.result;
    case CollapsibleRole:
        return isCollapsible(item.kind);
    case ExpandedRole:
        return item.expanded;
    case SearchTextRole:
        return searchTextOf(item);
    case UsageTotalsRole:
        return item.totals;
    default:
        return {};
    }
}

bool RunEventModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != ExpandedRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    setExpanded(index.row(), value.toBool());
    return true;
}

Qt::ItemFlags RunEventModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> RunEventModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(ActorRole, "actor");
    names.insert(TimeRole, "time");
    names.insert(PayloadRole, "payload");
    names.insert(SequenceRole, "sequence");
    names.insert(DisplayTextRole, "displayText");
    names.insert(CallIdRole, "callId");
    names.insert(HasResultRole, "hasResult");
    names.insert(ResultRole, "result");
    names.insert(CollapsibleRole, "collapsible");
    names.insert(ExpandedRole, "expanded");
    names.insert(SearchTextRole, "searchText");
    names.insert(UsageTotalsRole, "usageTotals");
    return names;
}

} // namespace delegate::ui
