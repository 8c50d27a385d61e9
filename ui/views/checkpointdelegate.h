// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace delegate::ui {

// An inbox row: what kind of decision is asked (amber while open, the most
// visible state), the run it belongs to, the prompt and how long it has
// waited; decided rows are muted and say who decided.
class CheckpointDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace delegate::ui
