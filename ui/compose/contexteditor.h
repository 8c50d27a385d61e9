// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/contextitem.h"

#include <QList>
#include <QWidget>

class QVBoxLayout;

namespace delegate::ui {

class ContextItemRow;

// The context handed to the agent with the task: files in the repository,
// URLs and pasted text, each with a label, in the order written.
class ContextEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit ContextEditor(QWidget *parent = nullptr);

    QList<ContextItem> items() const;
    // Replaces the items without emitting changed().
    void setItems(const QList<ContextItem> &items);
    // Appends an empty item of the kind and focuses its value.
    void addItem(ContextItem::Kind kind);
    const QList<ContextItemRow *> &rows() const { return m_rows; }

Q_SIGNALS:
    void changed();

private:
    ContextItemRow *appendRow(const ContextItem &item);
    void removeRow(ContextItemRow *row);

    QVBoxLayout *m_rowsLayout;
    QList<ContextItemRow *> m_rows;
};

} // namespace delegate::ui
