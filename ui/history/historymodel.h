// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>
#include <QPointer>

namespace delegate::ui {

class EngineSession;

// The history timeline of one engine, page by page as the view scrolls
// (fetchMore), newest first: every event that the filter selects, or only
// those that match the search words. It holds what was fetched and asks the
// engine for the next page from where the last one stopped, so a million
// events never come over at once. A reply to an older filter is dropped.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, KindColumn, ActorColumn, RunColumn, SummaryColumn, ColumnCount };
    enum Role {
        SequenceRole = Qt::UserRole + 1,
        KindRole,
        RunIdRole,
        ActorRole,
        TimeRole, // QDateTime, UTC
        PayloadRole, // QJsonObject
        EventRole, // the whole event as the protocol has it
        SnippetRole, // the search's highlighted text, for a search
        BrokenRole, // true for the event where a broken chain starts
    };

    explicit HistoryModel(QObject *parent = nullptr);

    void setSession(EngineSession *session);
    EngineSession *session() const { return m_session; }
    // Protocol filter (docs/protocol.md, history.events) and search words;
    // both reload.
    void setQuery(const QJsonObject &filter, const QString &words);
    const QJsonObject &filter() const { return m_filter; }
    const QString &words() const { return m_words; }
    // Starts over with the events before `before` (0: the newest).
    void reload(qint64 before = 0);
    // Marks the event where verification found the chain broken (0: none).
    void setBrokenSequence(qint64 sequence);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }
    // Why the last page could not be read, empty when it could.
    const QString &error() const { return m_error; }
    qint64 unindexed() const { return m_unindexed; }
    int rowOf(qint64 sequence) const;
    QJsonObject eventAt(int row) const;
    // For relative times; tests set it to make them steady.
    void setNow(const QDateTime &now) { m_now = now; }

Q_SIGNALS:
    // A page arrived (or failed: see error()).
    void pageLoaded();
    void loadingChanged(bool loading);

private:
    struct Entry
    {
        QJsonObject event;
        QString snippet;
        qint64 sequence = 0;
        QDateTime time;
    };

    void fetchPage();
    void setLoading(bool loading);

    QPointer<EngineSession> m_session;
    QJsonObject m_filter;
    QString m_words;
    QList<Entry> m_entries;
    qint64 m_cursor = 0;
    bool m_hasMore = false;
    bool m_loading = false;
    bool m_started = false;
    quint64 m_generation = 0;
    qint64 m_unindexed = 0;
    qint64 m_broken = 0;
    QString m_error;
    QDateTime m_now;
};

} // namespace delegate::ui
