// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/contextitem.h"

#include <QFrame>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace delegate::ui {

// One context item in the composer: its kind, a label, and the path, URL
// or pasted text (pasted text in a monospace editor, since it is usually
// a log or a stack trace).
class ContextItemRow final : public QFrame
{
    Q_OBJECT

public:
    explicit ContextItemRow(const ContextItem &item, QWidget *parent = nullptr);

    ContextItem item() const;
    ContextItem::Kind kind() const { return m_kind; }
    QWidget *valueEditor() const;

Q_SIGNALS:
    void changed();
    void removeRequested();

private:
    ContextItem::Kind m_kind;
    QLabel *m_kindLabel;
    QLineEdit *m_label;
    QLineEdit *m_line = nullptr; // a file path or a URL
    QPlainTextEdit *m_text = nullptr; // pasted text
    QToolButton *m_remove;
};

} // namespace delegate::ui
