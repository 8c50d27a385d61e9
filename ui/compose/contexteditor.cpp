// SPDX-License-Identifier: GPL-3.0-or-later
#include "contexteditor.h"

#include "contextitemrow.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

ContextEditor::ContextEditor(QWidget *parent)
    : QWidget(parent)
    , m_rowsLayout(new QVBoxLayout)
{
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(4);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    const auto addButton = [this, buttons](const QString &text, const QString &name, ContextItem::Kind kind) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(name);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, this, [this, kind] { addItem(kind); });
        buttons->addWidget(button);
    };
    addButton(tr("Add &file"), u"addContextFile"_s, ContextItem::Kind::File);
    addButton(tr("Add U&RL"), u"addContextUrl"_s, ContextItem::Kind::Url);
    addButton(tr("Add pasted &text"), u"addContextText"_s, ContextItem::Kind::Text);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(m_rowsLayout);
    layout->addLayout(buttons);
}

QList<ContextItem> ContextEditor::items() const
{
    QList<ContextItem> items;
    items.reserve(m_rows.size());
    for (const ContextItemRow *row : m_rows)
        items.append(row->item());
    return items;
}

void ContextEditor::setItems(const QList<ContextItem> &items)
{
    if (items == this->items())
        return;
    for (ContextItemRow *row : std::as_const(m_rows))
        delete row;
    m_rows.clear();
    for (const ContextItem &item : items)
        appendRow(item);
}

void ContextEditor::addItem(ContextItem::Kind kind)
{
    ContextItemRow *row = appendRow(ContextItem { kind, {}, {} });
    row->valueEditor()->setFocus();
    Q_EMIT changed();
}

ContextItemRow *ContextEditor::appendRow(const ContextItem &item)
{
    auto *row = new ContextItemRow(item, this);
    m_rowsLayout->addWidget(row);
    m_rows.append(row);
    connect(row, &ContextItemRow::changed, this, &ContextEditor::changed);
    connect(row, &ContextItemRow::removeRequested, this, [this, row] { removeRow(row); });
    return row;
}

void ContextEditor::removeRow(ContextItemRow *row)
{
    m_rows.removeOne(row);
    row->deleteLater();
    row->hide();
    Q_EMIT changed();
}

} // namespace delegate::ui
