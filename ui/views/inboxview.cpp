// SPDX-License-Identifier: GPL-3.0-or-later
#include "inboxview.h"

#include "checkpointdelegate.h"
#include "checkpointpanel.h"
#include "models/checkpointmodel.h"

#include <QCheckBox>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

// Open checkpoints only, unless decided ones are asked for too.
class OpenCheckpointsProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    bool showDecided = false;
    void refresh() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        return showDecided
            || sourceModel()->index(row, 0, parent).data(CheckpointModel::IsOpenRole).toBool()
            // A decision just made stays until the person moves on.
            || !sourceModel()
                    ->index(row, 0, parent)
                    .data(CheckpointModel::DecisionRole)
                    .toJsonObject()
                    .isEmpty();
    }
};

} // namespace

InboxView::InboxView(EngineHub *hub, CheckpointModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new OpenCheckpointsProxy(this))
    , m_list(new QListView(this))
    , m_panel(new CheckpointPanel(hub, this))
    , m_showDecided(new QCheckBox(tr("Show decided"), this))
{
    setObjectName(u"inboxView"_s);
    m_proxy->setSourceModel(model);
    m_list->setObjectName(u"inboxList"_s);
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(new CheckpointDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->installEventFilter(this);

    auto *openRun = new QPushButton(tr("Open run"), this);
    openRun->setToolTip(tr("Show the run this checkpoint belongs to"));
    connect(openRun, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_list->currentIndex();
        if (current.isValid())
            Q_EMIT this->openRun(current.data(CheckpointModel::EngineRole).toString(),
                                 current.data(CheckpointModel::RunIdRole).toString());
    });

    auto *empty = new QLabel(tr("Nothing waits for you."), this);
    empty->setForegroundRole(QPalette::PlaceholderText);
    empty->setAlignment(Qt::AlignCenter);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list);
    leftLayout->addWidget(empty);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_showDecided);
    footer->addStretch();
    footer->addWidget(openRun);
    leftLayout->addLayout(footer);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"inboxSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    const auto updateEmpty = [this, empty] {
        empty->setVisible(m_proxy->rowCount() == 0);
        m_list->setVisible(m_proxy->rowCount() > 0);
    };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, updateEmpty);
    updateEmpty();

    connect(m_showDecided, &QCheckBox::toggled, this, [this](bool on) {
        static_cast<OpenCheckpointsProxy *>(m_proxy)->showDecided = on;
        static_cast<OpenCheckpointsProxy *>(m_proxy)->refresh();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &InboxView::showCurrent);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                const QModelIndex current = m_list->currentIndex();
                if (current.isValid() && current.row() >= from.row() && current.row() <= to.row())
                    showCurrent();
            });
    // The first item is selected as soon as there is one.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_list->currentIndex().isValid())
            m_list->setCurrentIndex(m_proxy->index(0, 0));
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        if (m_proxy->rowCount() > 0)
            m_list->setCurrentIndex(m_proxy->index(0, 0));
        else
            m_panel->clear();
    });
    connect(m_panel, &CheckpointPanel::decided, this, &InboxView::selectNextOpen);
}

void InboxView::showCurrent()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid()) {
        m_panel->clear();
        return;
    }
    m_panel->showCheckpoint(current.data(CheckpointModel::EngineRole).toString(),
                            current.data(CheckpointModel::CheckpointRole).toJsonObject(),
                            current.data(CheckpointModel::RunTitleRole).toString(),
                            current.data(CheckpointModel::DecisionRole).toJsonObject());
}

void InboxView::selectNextOpen()
{
    const int from = m_list->currentIndex().row();
    for (int step = 1; step <= m_proxy->rowCount(); ++step) {
        const QModelIndex candidate = m_proxy->index((from + step) % m_proxy->rowCount(), 0);
        if (candidate.data(CheckpointModel::IsOpenRole).toBool()) {
            m_list->setCurrentIndex(candidate);
            return;
        }
    }
}

void InboxView::selectCheckpoint(const QString &engine, const QString &checkpointId)
{
    const QModelIndex source = m_model->indexOf(engine, checkpointId);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (index.isValid())
        m_list->setCurrentIndex(index);
}

bool InboxView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_list->currentIndex().row();
        switch (key->key()) {
        case Qt::Key_J:
            m_list->setCurrentIndex(m_proxy->index(std::min(row + 1, m_proxy->rowCount() - 1), 0));
            return true;
        case Qt::Key_K:
            m_list->setCurrentIndex(m_proxy->index(std::max(row - 1, 0), 0));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            m_panel->decideDefault();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace delegate::ui
