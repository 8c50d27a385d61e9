// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historymodel.h"

#include "engine/enginesession.h"
#include "history/eventkindlook.h"
#include "models/eventtext.h"
#include "style/displayformat.h"

#include <QColor>
#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QJsonDocument>

namespace delegate::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr int pageSize = 100;

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void HistoryModel::setSession(EngineSession *session)
{
    m_session = session;
    reload();
}

void HistoryModel::setQuery(const QJsonObject &filter, const QString &words)
{
    m_filter = filter;
    m_words = words.trimmed();
    reload();
}

void HistoryModel::reload(qint64 before)
{
    // Replies to the previous query carry an older generation and are dropped.
    ++m_generation;
    // Until the first page is asked for below, nothing may fetch more: a view
    // (or a model tester) asks as soon as the reset is over.
    m_started = false;
    setLoading(false);
    beginResetModel();
    m_entries.clear();
    m_cursor = before;
    m_hasMore = m_session != nullptr;
    m_error.clear();
    m_unindexed = 0;
    endResetModel();
    if (m_session)
        fetchPage();
}

void HistoryModel::setBrokenSequence(qint64 sequence)
{
    const int previous = rowOf(m_broken);
    m_broken = sequence;
    for (const int row : { previous, rowOf(sequence) }) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("When");
    case KindColumn:
        return tr("Kind");
    case ActorColumn:
        return tr("Who");
    case RunColumn:
        return tr("Run");
    case SummaryColumn:
        return tr("What");
    }
    return {};
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    const QString kind = entry.event.value("kind"_L1).toString();
    const QJsonObject payload = entry.event.value("payload"_L1).toObject();
    switch (role) {
    case SequenceRole:
        return entry.sequence;
    case KindRole:
        return kind;
    case RunIdRole:
        return entry.event.value("run_id"_L1).toString();
    case ActorRole:
        return entry.event.value("actor"_L1).toString();
    case TimeRole:
        return entry.time;
    case PayloadRole:
        return payload;
    case EventRole:
        return entry.event;
    case SnippetRole:
        return entry.snippet;
    case BrokenRole:
        return m_broken != 0 && entry.sequence == m_broken;
    case Qt::BackgroundRole:
        if (m_broken != 0 && entry.sequence == m_broken)
            return QColor(0xf8, 0xd7, 0xda);
        return {};
    case Qt::ForegroundRole:
        if (m_broken != 0 && entry.sequence == m_broken)
            return QColor(0x72, 0x1c, 0x24);
        return {};
    default:
        break;
    }
    switch (index.column()) {
    case TimeColumn:
        if (role == Qt::DisplayRole)
            return displayformat::relativeTime(entry.time,
                                               m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc());
        if (role == Qt::ToolTipRole)
            return tr("%1 — event %2").arg(displayformat::exactTime(entry.time)).arg(entry.sequence);
        break;
    case KindColumn:
        if (role == Qt::DisplayRole)
            return kind;
        if (role == Qt::DecorationRole)
            return EventKindLook::icon(kind);
        if (role == Qt::ToolTipRole)
            return EventKindLook::description(kind);
        break;
    case ActorColumn:
        if (role == Qt::DisplayRole)
            return entry.event.value("actor"_L1).toString();
        break;
    case RunColumn:
        if (role == Qt::DisplayRole)
            return entry.event.value("run_id"_L1).toString();
        break;
    case SummaryColumn:
        if (role == Qt::DisplayRole) {
            // A search shows why the event matched; the timeline what it says.
            const QString text = entry.snippet.isEmpty() ? eventtext::summary(kind, payload) : entry.snippet;
            return text.simplified();
        }
        if (role == Qt::ToolTipRole)
            return eventtext::summary(kind, payload);
        break;
    default:
        break;
    }
    return {};
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_session && m_hasMore && !m_loading && m_started;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchPage();
}

int HistoryModel::rowOf(qint64 sequence) const
{
    if (sequence == 0)
        return -1;
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).sequence == sequence)
            return int(row);
    }
    return -1;
}

QJsonObject HistoryModel::eventAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).event : QJsonObject();
}

void HistoryModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void HistoryModel::fetchPage()
{
    if (!m_session)
        return;
    m_started = true;
    setLoading(true);
    const bool searching = !m_words.isEmpty();
    QJsonObject params { { u"filter"_s, m_filter }, { u"limit"_s, pageSize }, { u"cursor"_s, m_cursor } };
    if (searching)
        params.insert(u"words"_s, m_words);
    const QString method = searching ? u"history.search"_s : u"history.events"_s;
    const quint64 generation = m_generation;
    QCoro::connect(
        m_session->call(method, params), this, [this, generation, searching](const rpc::RpcOutcome &outcome) {
            if (generation != m_generation)
                return;
            setLoading(false);
            if (outcome.error) {
                m_error = outcome.error->message;
                m_hasMore = false;
                Q_EMIT pageLoaded();
                return;
            }
            m_error.clear();
            const QJsonObject result = outcome.result.toObject();
            const QJsonArray items = result.value(searching ? "hits"_L1 : "events"_L1).toArray();
            QList<Entry> page;
            page.reserve(items.size());
            for (const QJsonValue &item : items) {
                Entry entry;
                entry.event = searching ? item.toObject().value("event"_L1).toObject() : item.toObject();
                entry.snippet = searching ? item.toObject().value("snippet"_L1).toString() : QString();
                entry.sequence = entry.event.value("sequence"_L1).toInteger();
                entry.time = displayformat::parseTime(entry.event.value("time"_L1).toString());
                page.append(entry);
            }
            m_hasMore = result.value("has_more"_L1).toBool();
            m_cursor = result.value("next_cursor"_L1).toInteger();
            m_unindexed = result.value("unindexed"_L1).toInteger();
            if (!page.isEmpty()) {
                beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + page.size() - 1));
                m_entries.append(page);
                endInsertRows();
            }
            Q_EMIT pageLoaded();
        });
}

} // namespace delegate::ui
