// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace delegate::ui {

class EngineHub;
class EngineSession;

// Every run of every engine the GUI is connected to, as the runs board shows
// them. Flat, or grouped by batch or by attempt set (a two-level tree).
// Rows come from runs.list when an engine is ready and follow run.updated
// notifications; a burst of updates is applied at most every 100 ms, so a
// hundred streaming runs cost a few repaints a second.
class RunListModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        StateColumn,
        TitleColumn,
        SkillColumn,
        AgentColumn,
        EnvironmentColumn,
        ElapsedColumn,
        StepsColumn,
        TokensColumn,
        CostColumn,
        ArtifactColumn,
        EngineColumn,
        ColumnCount
    };
    enum Role {
        RunIdRole = Qt::UserRole + 1,
        EngineRole,
        StateRole, // the protocol's state name
        SummaryRole, // the RunSummary object
        SortRole,
        IsGroupRole,
        NeedsHumanRole,
        SearchTextRole, // what the filter matches: id, title, skill, agent, environment
    };
    enum class Grouping { None, Batch, Attempts };
    Q_ENUM(Grouping)

    explicit RunListModel(EngineHub *hub, QObject *parent = nullptr);
    ~RunListModel() override;

    Grouping grouping() const { return m_grouping; }
    void setGrouping(Grouping grouping);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The index of a run (column 0), or an invalid one.
    QModelIndex indexOf(const QString &engine, const QString &runId) const;
    qsizetype runCount() const { return m_runs.size(); }
    // How many runs are in each state, over every engine.
    QHash<QString, int> stateCounts() const;
    QJsonObject summary(const QString &engine, const QString &runId) const;

    // Applies pending updates now instead of at the next tick (tests, and
    // before a view selects a run it was just told about).
    void flushPendingUpdates();

Q_SIGNALS:
    void countsChanged();

private:
    struct Row
    {
        QString engine;
        QString runId;
        QJsonObject summary;
        QString state;
        QString groupKey; // batch id or attempt group, per the grouping
        QDateTime created;
        QDateTime updated;
    };
    struct Group
    {
        QString key;
        QList<int> members; // indexes into m_runs
    };
    using Key = QPair<QString, QString>; // engine, run id

    void watch(EngineSession *session);
    void reload(EngineSession *session);
    void applyList(const QString &engine, const QJsonArray &runs);
    void enqueue(const QString &engine, const QJsonObject &summary);
    void insertRun(const QString &engine, const QJsonObject &summary);
    void removeEngineRows(const QString &engine);
    void rebuildGroups();
    QString groupKeyOf(const QJsonObject &summary) const;
    int groupIndex(const QString &key) const;
    QModelIndex runIndex(int runRow, int column) const;
    QVariant runData(const Row &row, int column, int role) const;
    QVariant groupData(const Group &group, int column, int role) const;
    static Row rowFrom(const QString &engine, const QJsonObject &summary);

    QPointer<EngineHub> m_hub;
    QList<Row> m_runs;
    QHash<Key, int> m_rowOf;
    QList<Group> m_groups;
    QList<int> m_groupOfRun; // per run: its group's index
    QList<int> m_positionInGroup; // per run: its row under its group
    Grouping m_grouping = Grouping::None;
    QHash<Key, QJsonObject> m_pending;
    QTimer m_flush;
    QTimer m_clock; // elapsed times of running runs move on
    QHash<QString, quint64> m_generation; // per engine, so a stale runs.list answer is dropped
};

} // namespace delegate::ui
