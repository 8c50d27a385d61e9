// SPDX-License-Identifier: GPL-3.0-or-later
#include "runsboard.h"

#include "models/runfilterproxy.h"
#include "models/runlistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

struct StateFilter
{
    const char *label;
    QStringList states;
};

QList<StateFilter> stateFilters()
{
    return {
        { QT_TRANSLATE_NOOP("RunsBoard", "All states"), {} },
        { QT_TRANSLATE_NOOP("RunsBoard", "Needs me"),
          { u"waiting_for_human"_s, u"in_review"_s, u"approved"_s } },
        { QT_TRANSLATE_NOOP("RunsBoard", "Active"),
          { u"queued"_s, u"provisioning"_s, u"running"_s, u"changes_requested"_s, u"applying"_s } },
        { QT_TRANSLATE_NOOP("RunsBoard", "Finished"),
          { u"completed"_s, u"rejected"_s, u"failed"_s, u"cancelled"_s } },
        { QT_TRANSLATE_NOOP("RunsBoard", "Failed or interrupted"), { u"failed"_s, u"interrupted"_s } },
    };
}

} // namespace

RunsBoard::RunsBoard(RunListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new RunFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_grouping(new QComboBox(this))
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(this))
{
    setObjectName(u"runsBoard"_s);
    m_proxy->setSourceModel(model);

    m_filter->setObjectName(u"runFilter"_s);
    m_filter->setPlaceholderText(tr("Filter runs by task, id, skill, model, environment… (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    for (const StateFilter &filter : stateFilters())
        m_state->addItem(tr(filter.label), filter.states);
    m_state->setToolTip(tr("Show runs in these states"));
    m_grouping->addItem(tr("No grouping"), QVariant::fromValue(RunListModel::Grouping::None));
    m_grouping->addItem(tr("Group by batch"), QVariant::fromValue(RunListModel::Grouping::Batch));
    m_grouping->addItem(tr("Group by attempt set"), QVariant::fromValue(RunListModel::Grouping::Attempts));

    m_view->setObjectName(u"runsView"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunListModel::StateColumn, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setRootIsDecorated(false);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    // The task and its state first and wide enough to read; the figures
    // after, narrow; the rest scrolls.
    m_view->setColumnWidth(RunListModel::StateColumn, 130);
    m_view->setColumnWidth(RunListModel::TitleColumn, 220);
    m_view->setColumnWidth(RunListModel::SkillColumn, 90);
    m_view->setColumnWidth(RunListModel::AgentColumn, 140);
    m_view->setColumnWidth(RunListModel::EnvironmentColumn, 100);
    m_view->setColumnWidth(RunListModel::ElapsedColumn, 64);
    m_view->setColumnWidth(RunListModel::StepsColumn, 50);
    m_view->setColumnWidth(RunListModel::TokensColumn, 60);
    m_view->setColumnWidth(RunListModel::CostColumn, 60);
    m_view->setColumnWidth(RunListModel::ArtifactColumn, 70);
    m_view->setColumnWidth(RunListModel::EngineColumn, 60);
    m_view->installEventFilter(this);

    m_empty->setObjectName(u"runsEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setTextFormat(Qt::RichText);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_state);
    filters->addWidget(m_grouping);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &RunFilterProxy::setSearchText);
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        const QStringList states = m_state->currentData().toStringList();
        m_proxy->setStates(QSet<QString>(states.cbegin(), states.cend()));
        updateEmptyState();
    });
    connect(m_grouping, &QComboBox::currentIndexChanged, this, [this] {
        const auto grouping = m_grouping->currentData().value<RunListModel::Grouping>();
        m_model->setGrouping(grouping);
        m_view->setRootIsDecorated(grouping != RunListModel::Grouping::None);
        m_view->expandAll();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &RunsBoard::emitSelection);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (parent.isValid() || m_model->grouping() != RunListModel::Grouping::None)
            m_view->expandAll();
        updateEmptyState();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &RunsBoard::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RunsBoard::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &RunsBoard::updateEmptyState);
    connect(m_filter, &QLineEdit::textChanged, this, &RunsBoard::updateEmptyState);
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu(this);
        QAction *compare = menu.addAction(tr("Compare selected attempts"), this, &RunsBoard::requestCompare);
        compare->setEnabled(m_view->selectionModel()->selectedRows().size() >= 2);
        const QModelIndex current = m_view->indexAt(at);
        QAction *duplicate = menu.addAction(tr("Duplicate task…"), this, [this, current] {
            Q_EMIT duplicateRequested(current.data(RunListModel::EngineRole).toString(),
                                      current.data(RunListModel::RunIdRole).toString());
        });
        duplicate->setEnabled(current.isValid() && !current.data(RunListModel::IsGroupRole).toBool());
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    updateEmptyState();
}

void RunsBoard::updateEmptyState()
{
    const bool noRuns = m_model->runCount() == 0;
    const bool nothingShown = m_proxy->rowCount() == 0;
    m_view->setVisible(!nothingShown);
    m_empty->setVisible(nothingShown);
    if (noRuns) {
        m_empty->setText(
            tr("<p><b>No runs yet</b></p><p>Compose a task and send it off, or submit one from a "
               "terminal:</p><p><code>delegatectl submit TASK.yaml</code></p>"));
    } else {
        m_empty->setText(tr("<p>No run matches the filter.</p>"));
    }
}

void RunsBoard::emitSelection()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(RunListModel::IsGroupRole).toBool())
        return;
    Q_EMIT runSelected(current.data(RunListModel::EngineRole).toString(),
                       current.data(RunListModel::RunIdRole).toString());
}

void RunsBoard::requestCompare()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    QString engine;
    QStringList runIds;
    for (const QModelIndex &row : rows) {
        if (row.data(RunListModel::IsGroupRole).toBool())
            continue;
        engine = row.data(RunListModel::EngineRole).toString();
        runIds.append(row.data(RunListModel::RunIdRole).toString());
    }
    if (runIds.size() >= 2)
        Q_EMIT compareRequested(engine, runIds.mid(0, 4));
}

void RunsBoard::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void RunsBoard::selectRun(const QString &engine, const QString &runId)
{
    m_model->flushPendingUpdates();
    QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(engine, runId));
    if (!index.isValid()) {
        // Hidden by the filter: show everything rather than nothing.
        m_filter->clear();
        m_state->setCurrentIndex(0);
        index = m_proxy->mapFromSource(m_model->indexOf(engine, runId));
    }
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    }
}

QByteArray RunsBoard::saveHeaderState() const
{
    return m_view->header()->saveState();
}

void RunsBoard::restoreHeaderState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_view->header()->restoreState(state);
}

bool RunsBoard::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier && (key->key() == Qt::Key_J || key->key() == Qt::Key_K)) {
            const QModelIndex current = m_view->currentIndex();
            const QModelIndex next =
                key->key() == Qt::Key_J ? m_view->indexBelow(current) : m_view->indexAbove(current);
            if (next.isValid())
                m_view->setCurrentIndex(next);
            else if (!current.isValid())
                m_view->setCurrentIndex(m_proxy->index(0, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace delegate::ui
