// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

namespace delegate::ui {

class EngineHub;
class EngineSession;
class RunListModel;

// The inbox: checkpoints of every engine that wait for a person —
// questions, plans, action approvals and budget extensions — newest first.
// A checkpoint someone decided stays, marked with who decided, until the
// next reload, so the person sees their decision land.
class CheckpointModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        EngineRole,
        RunIdRole,
        KindRole, // question, plan, action, budget
        PromptRole,
        BodyRole,
        OptionsRole, // QStringList
        CreatedRole, // QDateTime
        IsOpenRole,
        DecisionRole, // the Decision object, when decided
        RunTitleRole,
        CheckpointRole, // the whole Checkpoint object
    };

    // Run titles come from `runs`, which may be null.
    CheckpointModel(EngineHub *hub, RunListModel *runs, QObject *parent = nullptr);
    ~CheckpointModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    int openCount() const;
    QModelIndex indexOf(const QString &engine, const QString &checkpointId) const;

Q_SIGNALS:
    void openCountChanged(int count);
    // A new checkpoint arrived by notification (not by a reload).
    void checkpointArrived(const QString &engine, const QJsonObject &checkpoint);

private:
    struct Item
    {
        QString engine;
        QJsonObject checkpoint;
        QJsonObject decision;
        QDateTime created;
    };

    void watch(EngineSession *session);
    void reload(EngineSession *session);
    void replaceEngine(const QString &engine, const QJsonArray &checkpoints);
    void upsert(const QString &engine, const QJsonObject &checkpoint, const QJsonObject &decision);
    void removeEngine(const QString &engine);
    int rowOf(const QString &engine, const QString &id) const;
    void announceCount();

    QPointer<EngineHub> m_hub;
    QPointer<RunListModel> m_runs;
    QList<Item> m_items;
    QHash<QString, quint64> m_generation;
    int m_lastOpenCount = 0;
};

} // namespace delegate::ui
