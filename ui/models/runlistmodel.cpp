// SPDX-License-Identifier: GPL-3.0-or-later
#include "runlistmodel.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "style/displayformat.h"
#include "style/runstatelook.h"

#include <QFont>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

bool hasEnded(const QString &state)
{
    return state == "completed"_L1 || state == "rejected"_L1 || state == "failed"_L1
        || state == "cancelled"_L1;
}

// Sorting by state puts what needs a person first.
int urgency(const QString &state)
{
    static const QStringList order {
        u"waiting_for_human"_s, u"in_review"_s,         u"approved"_s, u"interrupted"_s,  u"failed"_s,
        u"running"_s,           u"changes_requested"_s, u"applying"_s, u"provisioning"_s, u"queued"_s,
        u"completed"_s,         u"rejected"_s,          u"cancelled"_s
    };
    const qsizetype position = order.indexOf(state);
    return position < 0 ? int(order.size()) : int(position);
}

qint64 stepsOf(const QJsonObject &summary)
{
    return summary.value("usage"_L1).toObject().value("steps"_L1).toInteger();
}

qint64 tokensOf(const QJsonObject &summary)
{
    const QJsonObject usage = summary.value("usage"_L1).toObject();
    return usage.value("tokens_in"_L1).toInteger() + usage.value("tokens_out"_L1).toInteger();
}

std::optional<double> costOf(const QJsonObject &summary)
{
    const QJsonValue cost = summary.value("usage"_L1).toObject().value("cost_usd"_L1);
    return cost.isDouble() ? std::optional<double>(cost.toDouble()) : std::nullopt;
}

} // namespace

RunListModel::RunListModel(EngineHub *hub, QObject *parent)
    : QAbstractItemModel(parent)
    , m_hub(hub)
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(100);
    connect(&m_flush, &QTimer::timeout, this, &RunListModel::flushPendingUpdates);
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        if (m_runs.isEmpty())
            return;
        if (m_grouping == Grouping::None) {
            Q_EMIT dataChanged(index(0, ElapsedColumn), index(int(m_runs.size()) - 1, ElapsedColumn));
            return;
        }
        for (int group = 0; group < m_groups.size(); ++group) {
            const QModelIndex parent = index(group, 0);
            Q_EMIT dataChanged(index(0, ElapsedColumn, parent),
                               index(int(m_groups.at(group).members.size()) - 1, ElapsedColumn, parent));
        }
    });
    m_clock.start();
    if (!hub)
        return;
    for (EngineSession *session : hub->engines())
        watch(session);
    connect(hub, &EngineHub::engineAdded, this, &RunListModel::watch);
    connect(hub, &EngineHub::engineRemoved, this, &RunListModel::removeEngineRows);
}

RunListModel::~RunListModel() = default;

void RunListModel::watch(EngineSession *session)
{
    connect(session, &EngineSession::ready, this, [this, session] { reload(session); });
    connect(session, &EngineSession::resyncNeeded, this, [this, session] { reload(session); });
    connect(session, &EngineSession::notificationReceived, this,
            [this, session](const QString &method, const QJsonObject &params) {
                if (method == "run.updated"_L1)
                    enqueue(session->name(), params.value("run"_L1).toObject());
            });
    if (session->isConnected())
        reload(session);
}

void RunListModel::reload(EngineSession *session)
{
    const QString engine = session->name();
    const quint64 generation = ++m_generation[engine];
    const QJsonObject params { { u"limit"_s, 1000 } };
    QCoro::connect(session->call(u"runs.list"_s, params), this,
                   [this, engine, generation](const rpc::RpcOutcome &outcome) {
                       if (outcome.error || m_generation.value(engine) != generation)
                           return;
                       applyList(engine, outcome.result.toObject().value("runs"_L1).toArray());
                   });
}

void RunListModel::applyList(const QString &engine, const QJsonArray &runs)
{
    // Oldest first, so new runs land at the bottom in the order they came.
    for (qsizetype i = runs.size() - 1; i >= 0; --i) {
        const QJsonObject summary = runs.at(i).toObject();
        m_pending.insert({ engine, summary.value("id"_L1).toString() }, summary);
    }
    flushPendingUpdates();
}

void RunListModel::enqueue(const QString &engine, const QJsonObject &summary)
{
    const QString runId = summary.value("id"_L1).toString();
    if (runId.isEmpty())
        return;
    m_pending.insert({ engine, runId }, summary);
    if (!m_flush.isActive())
        m_flush.start();
}

void RunListModel::flushPendingUpdates()
{
    m_flush.stop();
    if (m_pending.isEmpty())
        return;
    const QHash<Key, QJsonObject> pending = std::exchange(m_pending, {});
    // New runs in the order they were created.
    QList<QPair<QString, QJsonObject>> fresh;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        const auto existing = m_rowOf.constFind(it.key());
        if (existing == m_rowOf.cend()) {
            fresh.append({ it.key().first, it.value() });
            continue;
        }
        const int row = existing.value();
        const QString groupKey = m_runs.at(row).groupKey;
        m_runs[row] = rowFrom(it.key().first, it.value());
        m_runs[row].groupKey = groupKey;
        Q_EMIT dataChanged(runIndex(row, 0), runIndex(row, ColumnCount - 1));
        if (m_grouping != Grouping::None) {
            const QModelIndex group = index(m_groupOfRun.at(row), 0);
            Q_EMIT dataChanged(group, index(group.row(), ColumnCount - 1));
        }
    }
    std::sort(fresh.begin(), fresh.end(), [](const auto &a, const auto &b) {
        return a.second.value("created_at"_L1).toString() < b.second.value("created_at"_L1).toString();
    });
    for (const auto &[engine, summary] : std::as_const(fresh))
        insertRun(engine, summary);
    Q_EMIT countsChanged();
}

RunListModel::Row RunListModel::rowFrom(const QString &engine, const QJsonObject &summary)
{
    Row row;
    row.engine = engine;
    row.runId = summary.value("id"_L1).toString();
    row.summary = summary;
    row.state = summary.value("state"_L1).toString();
    row.created = displayformat::parseTime(summary.value("created_at"_L1).toString());
    row.updated = displayformat::parseTime(summary.value("updated_at"_L1).toString());
    return row;
}

QString RunListModel::groupKeyOf(const QJsonObject &summary) const
{
    switch (m_grouping) {
    case Grouping::None:
        return {};
    case Grouping::Batch:
        return summary.value("batch_id"_L1).toString();
    case Grouping::Attempts:
        return summary.value("attempt_group"_L1).toString();
    }
    return {};
}

int RunListModel::groupIndex(const QString &key) const
{
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups.at(i).key == key)
            return i;
    }
    return -1;
}

void RunListModel::insertRun(const QString &engine, const QJsonObject &summary)
{
    Row row = rowFrom(engine, summary);
    row.groupKey = groupKeyOf(summary);
    const int runRow = int(m_runs.size());
    if (m_grouping == Grouping::None) {
        beginInsertRows({}, runRow, runRow);
        m_runs.append(row);
        m_rowOf.insert({ engine, row.runId }, runRow);
        m_groupOfRun.append(-1);
        m_positionInGroup.append(runRow);
        endInsertRows();
        return;
    }
    int group = groupIndex(row.groupKey);
    if (group < 0) {
        group = int(m_groups.size());
        beginInsertRows({}, group, group);
        m_groups.append(Group { row.groupKey, {} });
        endInsertRows();
    }
    const int position = int(m_groups.at(group).members.size());
    beginInsertRows(index(group, 0), position, position);
    m_runs.append(row);
    m_rowOf.insert({ engine, row.runId }, runRow);
    m_groups[group].members.append(runRow);
    m_groupOfRun.append(group);
    m_positionInGroup.append(position);
    endInsertRows();
}

void RunListModel::removeEngineRows(const QString &engine)
{
    beginResetModel();
    m_runs.removeIf([&](const Row &row) { return row.engine == engine; });
    m_pending.removeIf([&](const auto &entry) { return entry.key().first == engine; });
    rebuildGroups();
    endResetModel();
    Q_EMIT countsChanged();
}

void RunListModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    for (Row &row : m_runs)
        row.groupKey = groupKeyOf(row.summary);
    rebuildGroups();
    endResetModel();
}

void RunListModel::rebuildGroups()
{
    m_rowOf.clear();
    m_groups.clear();
    m_groupOfRun.clear();
    m_positionInGroup.clear();
    for (int i = 0; i < m_runs.size(); ++i) {
        const Row &row = m_runs.at(i);
        m_rowOf.insert({ row.engine, row.runId }, i);
        if (m_grouping == Grouping::None) {
            m_groupOfRun.append(-1);
            m_positionInGroup.append(i);
            continue;
        }
        int group = groupIndex(row.groupKey);
        if (group < 0) {
            group = int(m_groups.size());
            m_groups.append(Group { row.groupKey, {} });
        }
        m_groupOfRun.append(group);
        m_positionInGroup.append(int(m_groups.at(group).members.size()));
        m_groups[group].members.append(i);
    }
}

QModelIndex RunListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RunListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_grouping == Grouping::None ? m_runs.size() : m_groups.size());
    if (m_grouping == Grouping::None || parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_groups.at(parent.row()).members.size());
}

int RunListModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QModelIndex RunListModel::runIndex(int runRow, int column) const
{
    if (m_grouping == Grouping::None)
        return createIndex(runRow, column, quintptr(0));
    return createIndex(m_positionInGroup.at(runRow), column, quintptr(m_groupOfRun.at(runRow) + 1));
}

QModelIndex RunListModel::indexOf(const QString &engine, const QString &runId) const
{
    const auto found = m_rowOf.constFind({ engine, runId });
    return found == m_rowOf.cend() ? QModelIndex() : runIndex(found.value(), 0);
}

QJsonObject RunListModel::summary(const QString &engine, const QString &runId) const
{
    const auto found = m_rowOf.constFind({ engine, runId });
    return found == m_rowOf.cend() ? QJsonObject() : m_runs.at(found.value()).summary;
}

QHash<QString, int> RunListModel::stateCounts() const
{
    QHash<QString, int> counts;
    for (const Row &row : m_runs)
        ++counts[row.state];
    return counts;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (m_grouping != Grouping::None && index.internalId() == 0)
        return groupData(m_groups.at(index.row()), index.column(), role);
    const int runRow = m_grouping == Grouping::None
        ? index.row()
        : m_groups.at(int(index.internalId() - 1)).members.at(index.row());
    return runData(m_runs.at(runRow), index.column(), role);
}

QVariant RunListModel::runData(const Row &row, int column, int role) const
{
    const QJsonObject &summary = row.summary;
    switch (role) {
    case RunIdRole:
        return row.runId;
    case EngineRole:
        return row.engine;
    case StateRole:
        return row.state;
    case SummaryRole:
        return summary;
    case IsGroupRole:
        return false;
    case NeedsHumanRole:
        return row.state == "waiting_for_human"_L1;
    case SearchTextRole:
        return QStringList { row.runId,
                             summary.value("title"_L1).toString(),
                             summary.value("skill"_L1).toString(),
                             summary.value("agent"_L1).toObject().value("model"_L1).toString(),
                             summary.value("environment"_L1).toString(),
                             row.state,
                             row.engine }
            .join(u' ');
    default:
        break;
    }

    const QDateTime end = hasEnded(row.state) ? row.updated : QDateTime::currentDateTimeUtc();
    const qint64 elapsed = row.created.isValid() ? row.created.secsTo(end) : -1;
    if (role == SortRole) {
        switch (column) {
        case StateColumn:
            return urgency(row.state);
        case ElapsedColumn:
            return elapsed;
        case StepsColumn:
            return stepsOf(summary);
        case TokensColumn:
            return tokensOf(summary);
        case CostColumn:
            return costOf(summary).value_or(-1.0);
        default:
            return runData(row, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (column == ElapsedColumn || column == StepsColumn || column == TokensColumn
            || column == CostColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const QJsonObject agent = summary.value("agent"_L1).toObject();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case StateColumn:
            return QString(RunStateLook::of(row.state).word
                           + (summary.value("paused"_L1).toBool() ? tr(" (paused)") : QString()));
        case TitleColumn:
            return summary.value("title"_L1).toString();
        case SkillColumn:
            return summary.value("skill"_L1).toString();
        case AgentColumn: {
            const QString model = agent.value("model"_L1).toString();
            const QString runtime = agent.value("runtime"_L1).toString();
            return model.isEmpty() ? runtime : runtime + u" · "_s + model;
        }
        case EnvironmentColumn: {
            const QString host = summary.value("host"_L1).toString();
            return QString(summary.value("environment"_L1).toString()
                           + (host.isEmpty() ? QString() : QString(u" @ "_s + host)));
        }
        case ElapsedColumn:
            return displayformat::duration(elapsed);
        case StepsColumn:
            return QString::number(stepsOf(summary));
        case TokensColumn:
            return displayformat::tokens(tokensOf(summary));
        case CostColumn:
            return displayformat::cost(costOf(summary));
        case ArtifactColumn: {
            const int versions = summary.value("artifact_versions"_L1).toInt();
            return versions == 0
                ? QString()
                : u"%1 v%2"_s.arg(summary.value("artifact_kind"_L1).toString()).arg(versions);
        }
        case EngineColumn:
            return row.engine;
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && column == StateColumn)
        return RunStateLook::of(row.state).icon;
    if (role == Qt::FontRole && column == StateColumn && row.state == "waiting_for_human"_L1) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case StateColumn:
            return summary.value("reason"_L1).toString();
        case TitleColumn:
            return row.runId;
        case ElapsedColumn:
            return tr("Submitted %1").arg(displayformat::exactTime(row.created));
        case TokensColumn: {
            const QJsonObject usage = summary.value("usage"_L1).toObject();
            return tr("%1 in, %2 out")
                .arg(usage.value("tokens_in"_L1).toInteger())
                .arg(usage.value("tokens_out"_L1).toInteger());
        }
        default:
            return {};
        }
    }
    return {};
}

QVariant RunListModel::groupData(const Group &group, int column, int role) const
{
    if (role == IsGroupRole)
        return true;
    if (role == SearchTextRole)
        return group.key;
    int waiting = 0;
    qint64 tokens = 0;
    double cost = 0;
    for (int member : group.members) {
        const Row &row = m_runs.at(member);
        waiting += row.state == "waiting_for_human"_L1 ? 1 : 0;
        tokens += tokensOf(row.summary);
        cost += costOf(row.summary).value_or(0.0);
    }
    if (role == NeedsHumanRole)
        return waiting > 0;
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (column) {
        case StateColumn:
            if (role == SortRole)
                return waiting > 0 ? 0 : 1;
            return waiting > 0 ? tr("%n run(s), %1 waiting", nullptr, int(group.members.size())).arg(waiting)
                               : tr("%n run(s)", nullptr, int(group.members.size()));
        case TitleColumn: {
            if (group.key.isEmpty())
                return m_grouping == Grouping::Batch ? tr("Not in a batch") : tr("Single attempts");
            const QString title = m_runs.at(group.members.constFirst()).summary.value("title"_L1).toString();
            return m_grouping == Grouping::Batch ? tr("Batch %1").arg(group.key)
                                                 : tr("Attempts: %1").arg(title);
        }
        case TokensColumn:
            return role == SortRole ? QVariant(tokens) : QVariant(displayformat::tokens(tokens));
        case CostColumn:
            return role == SortRole ? QVariant(cost) : QVariant(displayformat::cost(cost));
        default:
            return role == SortRole ? QVariant(QString()) : QVariant();
        }
    }
    if (role == Qt::FontRole) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && (column == TokensColumn || column == CostColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn:
        return tr("State");
    case TitleColumn:
        return tr("Task");
    case SkillColumn:
        return tr("Skill");
    case AgentColumn:
        return tr("Agent");
    case EnvironmentColumn:
        return tr("Environment");
    case ElapsedColumn:
        return tr("Elapsed");
    case StepsColumn:
        return tr("Steps");
    case TokensColumn:
        return tr("Tokens");
    case CostColumn:
        return tr("Cost");
    case ArtifactColumn:
        return tr("Artifact");
    case EngineColumn:
        return tr("Engine");
    default:
        return {};
    }
}

} // namespace delegate::ui
