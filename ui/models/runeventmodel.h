// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace delegate::ui {

class EngineHub;
class EngineSession;

// The events of one run, as the run console shows them. It reads the run's
// history page by page (runs.events, 1000 at a time) and then follows
// `event.appended` on the run's own topic. New events are buffered and
// inserted together at most every 100 ms, so a chatty agent costs a few
// layouts a second however fast it writes.
//
// A row is an item, not always one event: a tool call's result joins the row
// of its call (matched by call id), so a view can show the two collapsed
// together. Results whose call is unknown keep a row of their own. Likewise
// the run's totals (run.usage) join the turn's usage (agent.usage) they
// follow, so a turn costs one quiet line.
class RunEventModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // the event's kind: "agent.message", "tool.call" …
        ActorRole,
        TimeRole, // QDateTime (UTC)
        PayloadRole, // QJsonObject
        SequenceRole,
        DisplayTextRole, // one line: label and summary (also Qt::DisplayRole)
        CallIdRole, // a tool call's id
        HasResultRole, // a tool call whose result has arrived
        ResultRole, // that result's payload (QJsonObject)
        CollapsibleRole, // the view may fold the item to one line
        ExpandedRole, // unfolded; settable with setData
        SearchTextRole, // every word the item holds, its result's too
        UsageTotalsRole, // agent.usage: the run.usage that followed it (the run's totals)
    };
    Q_ENUM(Role)

    explicit RunEventModel(EngineHub *hub, QObject *parent = nullptr);
    ~RunEventModel() override;

    // Shows another run (an empty id shows none). Replies about the run
    // shown before are ignored when they come.
    void setRun(const QString &engine, const QString &runId);
    QString engine() const { return m_engine; }
    QString runId() const { return m_runId; }

    // Reading the history (or catching up after a reconnection).
    bool isLoading() const { return m_loading; }
    QString errorText() const { return m_error; }
    // Events taken in, results joined to their calls counted too.
    qsizetype eventCount() const { return m_eventCount; }
    qint64 lastSequence() const { return m_lastSequence; }

    // Events got another way (a file, a test), through the same buffer as
    // the engine's; ones at or before lastSequence() are skipped.
    void appendEvents(const QJsonArray &events);
    // Inserts what is buffered now instead of at the next tick.
    void flushPending();

    void setExpanded(int row, bool expanded);
    bool isExpanded(int row) const;

    // The next row (wrapping around) whose text holds `text`, ignoring
    // case, starting after `from` (before it when backwards); -1 when none.
    int find(const QString &text, int from, bool backwards = false) const;
    int countMatches(const QString &text) const;
    // All the item's text, for copying.
    QString fullText(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // Reading failed: what happened, to show near the list. Empty when it recovered.
    void errorChanged(const QString &message);

private:
    struct Item
    {
        qint64 sequence = 0;
        QString kind;
        QString actor;
        QString time;
        QJsonObject payload;
        QJsonObject result;
        QJsonObject totals; // agent.usage: the run.usage joined to it
        bool expanded = false;
        mutable QString searchText; // lower-cased, built at the first search
    };

    void connectSession(EngineSession *session);
    void disconnectSession();
    void readFrom(qint64 afterSequence);
    void onPage(const QJsonObject &result);
    void take(const QJsonObject &event);
    void scheduleFlush();
    void setLoading(bool loading);
    void setError(const QString &message);
    Item *itemAt(qsizetype combinedIndex);
    const QString &searchTextOf(const Item &item) const;

    QPointer<EngineHub> m_hub;
    QPointer<EngineSession> m_session;
    QList<QMetaObject::Connection> m_connections;
    QString m_engine;
    QString m_runId;
    QString m_topic; // held while a run is shown

    QList<Item> m_items; // the rows
    QList<Item> m_pending; // taken in, not inserted yet
    QSet<int> m_changedRows; // rows whose result came, to announce at the next flush
    // Calls still waiting for their result: index into m_items, then m_pending.
    QHash<QString, qsizetype> m_openCalls;
    QList<QJsonObject> m_early; // notifications that came while history was read
    qint64 m_lastSequence = 0;
    qsizetype m_eventCount = 0;

    quint64 m_generation = 0; // a reply for an older run or read is dropped
    bool m_loading = false;
    bool m_reading = false; // a runs.events call is out
    bool m_readAgain = false; // notifications were lost while reading
    QString m_error;
    QTimer m_flush;
    QElapsedTimer m_sinceFlush;
};

} // namespace delegate::ui
