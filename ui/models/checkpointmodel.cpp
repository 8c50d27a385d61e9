// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkpointmodel.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "runlistmodel.h"
#include "style/displayformat.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate::ui {

CheckpointModel::CheckpointModel(EngineHub *hub, RunListModel *runs, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
    , m_runs(runs)
{
    if (runs) {
        // Titles arrive with the runs, sometimes after their checkpoints.
        connect(runs, &RunListModel::countsChanged, this, [this] {
            if (!m_items.isEmpty())
                Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1),
                                   { RunTitleRole, Qt::DisplayRole });
        });
    }
    if (!hub)
        return;
    for (EngineSession *session : hub->engines())
        watch(session);
    connect(hub, &EngineHub::engineAdded, this, &CheckpointModel::watch);
    connect(hub, &EngineHub::engineRemoved, this, &CheckpointModel::removeEngine);
}

CheckpointModel::~CheckpointModel() = default;

void CheckpointModel::watch(EngineSession *session)
{
    connect(session, &EngineSession::ready, this, [this, session] { reload(session); });
    connect(session, &EngineSession::resyncNeeded, this, [this, session] { reload(session); });
    connect(session, &EngineSession::notificationReceived, this,
            [this, session](const QString &method, const QJsonObject &params) {
                const QJsonObject checkpoint = params.value("checkpoint"_L1).toObject();
                if (method == "checkpoint.opened"_L1) {
                    const bool known = rowOf(session->name(), checkpoint.value("id"_L1).toString()) >= 0;
                    upsert(session->name(), checkpoint, {});
                    if (!known)
                        Q_EMIT checkpointArrived(session->name(), checkpoint);
                } else if (method == "checkpoint.decided"_L1) {
                    upsert(session->name(), checkpoint, params.value("decision"_L1).toObject());
                }
            });
    if (session->isConnected())
        reload(session);
}

void CheckpointModel::reload(EngineSession *session)
{
    const QString engine = session->name();
    const quint64 generation = ++m_generation[engine];
    const QJsonObject params { { u"open_only"_s, true } };
    QCoro::connect(session->call(u"checkpoints.list"_s, params), this,
                   [this, engine, generation](const rpc::RpcOutcome &outcome) {
                       if (outcome.error || m_generation.value(engine) != generation)
                           return;
                       replaceEngine(engine, outcome.result.toObject().value("checkpoints"_L1).toArray());
                   });
}

void CheckpointModel::replaceEngine(const QString &engine, const QJsonArray &checkpoints)
{
    beginResetModel();
    m_items.removeIf([&](const Item &item) { return item.engine == engine; });
    for (const QJsonValue &value : checkpoints) {
        const QJsonObject checkpoint = value.toObject();
        m_items.append({ engine, checkpoint, checkpoint.value("decision"_L1).toObject(),
                         displayformat::parseTime(checkpoint.value("created_at"_L1).toString()) });
    }
    std::stable_sort(m_items.begin(), m_items.end(),
                     [](const Item &a, const Item &b) { return a.created > b.created; });
    endResetModel();
    announceCount();
}

void CheckpointModel::upsert(const QString &engine, const QJsonObject &checkpoint,
                             const QJsonObject &decision)
{
    const int row = rowOf(engine, checkpoint.value("id"_L1).toString());
    if (row >= 0) {
        m_items[row].checkpoint = checkpoint;
        if (!decision.isEmpty())
            m_items[row].decision = decision;
        Q_EMIT dataChanged(index(row), index(row));
    } else {
        // Newest first: a new checkpoint goes on top.
        beginInsertRows({}, 0, 0);
        m_items.prepend({ engine, checkpoint, decision,
                          displayformat::parseTime(checkpoint.value("created_at"_L1).toString()) });
        endInsertRows();
    }
    announceCount();
}

void CheckpointModel::removeEngine(const QString &engine)
{
    beginResetModel();
    m_items.removeIf([&](const Item &item) { return item.engine == engine; });
    endResetModel();
    announceCount();
}

int CheckpointModel::rowOf(const QString &engine, const QString &id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).engine == engine && m_items.at(i).checkpoint.value("id"_L1).toString() == id)
            return i;
    }
    return -1;
}

QModelIndex CheckpointModel::indexOf(const QString &engine, const QString &checkpointId) const
{
    const int row = rowOf(engine, checkpointId);
    return row < 0 ? QModelIndex() : index(row);
}

int CheckpointModel::openCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [](const Item &item) {
        return item.decision.isEmpty() && item.checkpoint.value("state"_L1).toString() == "open"_L1;
    }));
}

void CheckpointModel::announceCount()
{
    const int count = openCount();
    if (count == m_lastOpenCount)
        return;
    m_lastOpenCount = count;
    Q_EMIT openCountChanged(count);
}

int CheckpointModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant CheckpointModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    const QJsonObject &checkpoint = item.checkpoint;
    const QString runId = checkpoint.value("run_id"_L1).toString();
    switch (role) {
    case IdRole:
        return checkpoint.value("id"_L1).toString();
    case EngineRole:
        return item.engine;
    case RunIdRole:
        return runId;
    case KindRole:
        return checkpoint.value("kind"_L1).toString();
    case PromptRole:
        return checkpoint.value("prompt"_L1).toString();
    case BodyRole:
        return checkpoint.value("body"_L1).toString();
    case OptionsRole:
        return checkpoint.value("options"_L1).toVariant().toStringList();
    case CreatedRole:
        return item.created;
    case IsOpenRole:
        return item.decision.isEmpty() && checkpoint.value("state"_L1).toString() == "open"_L1;
    case DecisionRole:
        return item.decision;
    case CheckpointRole:
        return checkpoint;
    case RunTitleRole:
    case Qt::DisplayRole: {
        const QString title =
            m_runs ? m_runs->summary(item.engine, runId).value("title"_L1).toString() : QString();
        if (role == RunTitleRole)
            return title.isEmpty() ? runId : title;
        return checkpoint.value("prompt"_L1).toString();
    }
    case Qt::ToolTipRole:
        return tr("%1 on %2, opened %3").arg(runId, item.engine, displayformat::exactTime(item.created));
    default:
        return {};
    }
}

} // namespace delegate::ui
