// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchview.h"

#include "models/runlistmodel.h"
#include "style/displayformat.h"
#include "style/runstatelook.h"

#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace delegate::ui {

using namespace Qt::StringLiterals;

namespace {

enum Column { StateColumn, TitleColumn, CostColumn, IdColumn, ColumnCount };

// The order states are counted in: what needs a person first.
const QStringList stateOrder { u"waiting_for_human"_s, u"in_review"_s, u"running"_s,
                               u"provisioning"_s,      u"queued"_s,    u"approved"_s,
                               u"applying"_s,          u"completed"_s, u"failed"_s,
                               u"rejected"_s,          u"cancelled"_s, u"interrupted"_s,
                               u"changes_requested"_s };

} // namespace

BatchView::BatchView(RunListModel *runs, QWidget *parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    setObjectName(u"batchView"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary->setObjectName(u"batchSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_table->setObjectName(u"batchRuns"_s);
    m_table->setHorizontalHeaderLabels({ tr("State"), tr("Task"), tr("Cost"), tr("Run") });
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->setFocusPolicy(Qt::StrongFocus);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Double-click or press Enter to open a run"));
    const auto open = [this](int row) {
        if (row >= 0 && row < m_runIds.size())
            Q_EMIT openRun(m_engine, m_runIds.at(row));
    };
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [open](int row, int) { open(row); });
    connect(m_table, &QTableWidget::cellActivated, this, [open](int row, int) { open(row); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    // A burst of run updates is shown at most five times a second.
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(200);
    connect(&m_refresh, &QTimer::timeout, this, &BatchView::refresh);
    const auto later = [this] {
        if (!m_batchId.isEmpty() && !m_refresh.isActive())
            m_refresh.start();
    };
    connect(m_runs, &QAbstractItemModel::dataChanged, this, later);
    connect(m_runs, &QAbstractItemModel::rowsInserted, this, later);
    connect(m_runs, &QAbstractItemModel::modelReset, this, later);
    connect(m_runs, &RunListModel::countsChanged, this, later);
}

void BatchView::showBatch(const QString &engine, const QString &batchId, const QStringList &runIds)
{
    m_engine = engine;
    m_batchId = batchId;
    m_runIds = runIds;
    m_title->setText(tr("Batch %1 on %2: %n run(s)", nullptr, int(runIds.size())).arg(batchId, engine));
    m_table->setRowCount(int(runIds.size()));
    refresh();
}

void BatchView::refresh()
{
    m_runs->flushPendingUpdates();
    m_counts.clear();
    m_cost = 0;
    for (int row = 0; row < m_runIds.size(); ++row) {
        const QString &runId = m_runIds.at(row);
        const QJsonObject summary = m_runs->summary(m_engine, runId);
        const QString state = summary.isEmpty() ? u"queued"_s : summary.value("state"_L1).toString();
        const RunStateLook look = RunStateLook::of(state);
        ++m_counts[state];
        const QJsonValue cost = summary.value("usage"_L1).toObject().value("cost_usd"_L1);
        if (cost.isDouble())
            m_cost += cost.toDouble();
        auto *stateItem = new QTableWidgetItem(look.icon, look.word);
        stateItem->setForeground(look.color);
        m_table->setItem(row, StateColumn, stateItem);
        m_table->setItem(row, TitleColumn, new QTableWidgetItem(summary.value("title"_L1).toString()));
        m_table->setItem(row, CostColumn,
                         new QTableWidgetItem(displayformat::cost(
                             cost.isDouble() ? std::optional<double>(cost.toDouble()) : std::nullopt)));
        m_table->setItem(row, IdColumn, new QTableWidgetItem(runId));
    }
    QStringList parts;
    for (const QString &state : stateOrder) {
        if (const int count = m_counts.value(state); count > 0) {
            const RunStateLook look = RunStateLook::of(state);
            parts.append(u"<span style=\"color:%1\">%2 %3</span>"_s.arg(look.color.name())
                             .arg(count)
                             .arg(look.word.toHtmlEscaped()));
        }
    }
    const int finished = m_counts.value(u"completed"_s) + m_counts.value(u"failed"_s)
        + m_counts.value(u"rejected"_s) + m_counts.value(u"cancelled"_s);
    m_summary->setText(tr("%1 of %2 ended · %3 · cost so far %4")
                           .arg(finished)
                           .arg(m_runIds.size())
                           .arg(parts.join(u" · "_s), displayformat::cost(m_cost)));
}

} // namespace delegate::ui
