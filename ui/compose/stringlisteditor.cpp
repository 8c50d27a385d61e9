// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringlisteditor.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QScopedValueRollback>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr int maximumVisibleRows = 8;

} // namespace

StringListEditor::StringListEditor(const QString &placeholder, QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_input(new QLineEdit(this))
    , m_remove(new QToolButton(this))
{
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setWordWrap(true);
    m_list->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_list->installEventFilter(this);
    m_input->setPlaceholderText(placeholder);
    m_input->setClearButtonEnabled(true);
    m_remove->setIcon(style()->standardIcon(QStyle::SP_TrashIcon, nullptr, this));
    m_remove->setToolTip(tr("Remove the selected item (Delete)"));
    m_remove->setAutoRaise(true);

    auto *inputRow = new QHBoxLayout;
    inputRow->setContentsMargins(0, 0, 0, 0);
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_list);
    layout->addLayout(inputRow);

    connect(m_input, &QLineEdit::returnPressed, this, &StringListEditor::addFromInput);
    connect(m_remove, &QToolButton::clicked, this, &StringListEditor::removeCurrent);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &StringListEditor::updateButtons);
    setFocusProxy(m_input);
    fitHeight();
    updateButtons();
}

QStringList StringListEditor::items() const
{
    QStringList texts;
    texts.reserve(m_list->count());
    for (int row = 0; row < m_list->count(); ++row)
        texts.append(m_list->item(row)->text());
    return texts;
}

void StringListEditor::setItems(const QStringList &items)
{
    if (items == this->items())
        return;
    const QScopedValueRollback filling(m_filling, true);
    m_list->clear();
    for (const QString &text : items) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsDragEnabled);
    }
    fitHeight();
    updateButtons();
}

void StringListEditor::setMonospace(bool monospace)
{
    const QFont font = monospace ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : QFont();
    m_list->setFont(font);
    m_input->setFont(font);
}

bool StringListEditor::eventFilter(QObject *watched, QEvent *event)
{
    // The editor of an item being edited gets its own keys; these reach the list only.
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            removeCurrent();
            return true;
        }
        if (key->modifiers() & Qt::AltModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveCurrent(key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StringListEditor::addFromInput()
{
    const QString text = m_input->text().trimmed();
    if (text.isEmpty())
        return;
    {
        const QScopedValueRollback filling(m_filling, true);
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsDragEnabled);
    }
    m_input->clear();
    fitHeight();
    updateButtons();
    Q_EMIT changed();
}

void StringListEditor::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    {
        const QScopedValueRollback filling(m_filling, true);
        delete m_list->takeItem(row);
    }
    fitHeight();
    updateButtons();
    Q_EMIT changed();
}

void StringListEditor::moveCurrent(int offset)
{
    const int row = m_list->currentRow();
    const int target = row + offset;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    {
        const QScopedValueRollback filling(m_filling, true);
        QListWidgetItem *item = m_list->takeItem(row);
        m_list->insertItem(target, item);
        m_list->setCurrentRow(target);
    }
    Q_EMIT changed();
}

// The list is as tall as its items (up to a few rows), so a short list
// does not leave a tall empty box in the form.
void StringListEditor::fitHeight()
{
    const int rows = std::clamp(m_list->count(), 1, maximumVisibleRows);
    int height = 0;
    for (int row = 0; row < std::min(m_list->count(), rows); ++row)
        height += std::max(m_list->sizeHintForRow(row), m_list->fontMetrics().height() + 4);
    if (m_list->count() == 0)
        height = m_list->fontMetrics().height() + 4;
    m_list->setFixedHeight(height + 2 * m_list->frameWidth() + 2);
    m_list->setVisible(m_list->count() > 0);
    updateGeometry();
}

void StringListEditor::updateButtons()
{
    m_remove->setEnabled(m_list->currentRow() >= 0);
}

} // namespace delegate::ui
