// SPDX-License-Identifier: GPL-3.0-or-later
#include "quickswitcher.h"

#include "models/runfilterproxy.h"
#include "models/runlistmodel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

QuickSwitcher::QuickSwitcher(RunListModel *runs, QWidget *parent)
    : QDialog(parent)
    , m_proxy(new RunFilterProxy(this))
    , m_input(new QLineEdit(this))
    , m_list(new QListView(this))
{
    setObjectName(u"quickSwitcher"_s);
    setWindowTitle(tr("Go to run"));
    m_proxy->setSourceModel(runs);
    m_proxy->setFilterKeyColumn(0);
    m_input->setPlaceholderText(tr("Run, task, skill or environment…"));
    m_input->installEventFilter(this);
    m_list->setModel(m_proxy);
    m_list->setModelColumn(RunListModel::TitleColumn);
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_input);
    layout->addWidget(m_list);
    resize(520, 360);
    connect(m_input, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        m_list->setCurrentIndex(m_proxy->index(0, RunListModel::TitleColumn));
    });
    connect(m_list, &QListView::activated, this, &QuickSwitcher::choose);
}

void QuickSwitcher::open()
{
    m_input->clear();
    m_list->setCurrentIndex(m_proxy->index(0, RunListModel::TitleColumn));
    QDialog::open();
    m_input->setFocus();
}

void QuickSwitcher::choose()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid() || current.data(RunListModel::IsGroupRole).toBool())
        return;
    Q_EMIT runChosen(current.data(RunListModel::EngineRole).toString(),
                     current.data(RunListModel::RunIdRole).toString());
    accept();
}

bool QuickSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_list->currentIndex().row();
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int next = key->key() == Qt::Key_Down ? std::min(row + 1, m_proxy->rowCount() - 1)
                                                        : std::max(row - 1, 0);
            m_list->setCurrentIndex(m_proxy->index(next, RunListModel::TitleColumn));
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            choose();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace delegate::ui
