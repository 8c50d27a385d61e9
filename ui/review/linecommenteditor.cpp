// SPDX-License-Identifier: GPL-3.0-or-later
#include "linecommenteditor.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

LineCommentEditor::LineCommentEditor(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_add(new QPushButton(tr("Add comment"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    m_text->setPlaceholderText(tr("What should change on this line?"));
    m_text->setTabChangesFocus(true);
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 3 + 12);
    m_text->installEventFilter(this);
    layout->addWidget(m_text);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_cancel->setToolTip(tr("Close without adding (Esc)"));
    m_add->setToolTip(tr("Add the comment to the review (Ctrl+Enter)"));
    m_add->setDefault(true);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_add);
    layout->addLayout(buttons);
    connect(m_add, &QPushButton::clicked, this, &LineCommentEditor::submit);
    connect(m_cancel, &QPushButton::clicked, this, &LineCommentEditor::cancelled);
    connect(m_text, &QPlainTextEdit::textChanged, this,
            [this] { m_add->setEnabled(!m_text->toPlainText().trimmed().isEmpty()); });
    m_add->setEnabled(false);
}

void LineCommentEditor::open(const QString &file, int line)
{
    m_file = file;
    m_line = line;
    m_title->setText(tr("Comment on %1, line %2").arg(file).arg(line));
    m_text->clear();
    m_text->setFocus();
}

bool LineCommentEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Claim Ctrl+Enter and Escape before window shortcuts (the review's
    // Ctrl+Enter approves) take them away from the editor.
    if (watched == m_text && event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if ((enter && key->modifiers().testFlag(Qt::ControlModifier)) || key->key() == Qt::Key_Escape) {
            event->accept();
            return true;
        }
    }
    if (watched == m_text && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ControlModifier)) {
            submit();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            Q_EMIT cancelled();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void LineCommentEditor::submit()
{
    const QString text = m_text->toPlainText().trimmed();
    if (text.isEmpty())
        return;
    Q_EMIT submitted(text);
}

} // namespace delegate::ui
