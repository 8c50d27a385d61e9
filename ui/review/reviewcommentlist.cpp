// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewcommentlist.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

ReviewCommentList::ReviewCommentList(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_hint(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(3);
    auto *header = new QHBoxLayout;
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    header->addWidget(m_title, 1);
    m_remove->setToolTip(tr("Remove the selected comment (Delete)"));
    m_remove->setEnabled(false);
    header->addWidget(m_remove);
    layout->addLayout(header);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setAccessibleName(tr("Line comments"));
    layout->addWidget(m_list, 1);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(
        tr("Double-click a line of the new version, or select it and press C, to comment on it."));
    layout->addWidget(m_hint);

    connect(m_remove, &QPushButton::clicked, this, [this] { removeComment(m_list->currentRow()); });
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this](int row) { m_remove->setEnabled(!m_readOnly && row >= 0); });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (row >= 0 && row < m_comments.size())
            Q_EMIT commentActivated(m_comments.at(row));
    });
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (row >= 0 && row < m_comments.size())
            Q_EMIT commentActivated(m_comments.at(row));
    });
    refresh();
}

void ReviewCommentList::addComment(const LineComment &comment)
{
    m_comments.append(comment);
    // In the order of the files and lines, as the agent will read them.
    std::stable_sort(m_comments.begin(), m_comments.end(), [](const LineComment &a, const LineComment &b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    refresh();
    Q_EMIT commentsChanged();
}

void ReviewCommentList::removeComment(int index)
{
    if (m_readOnly || index < 0 || index >= m_comments.size())
        return;
    m_comments.removeAt(index);
    refresh();
    m_list->setCurrentRow(std::min(index, int(m_comments.size()) - 1));
    Q_EMIT commentsChanged();
}

void ReviewCommentList::setComments(const QList<LineComment> &comments)
{
    m_comments = comments;
    refresh();
    Q_EMIT commentsChanged();
}

void ReviewCommentList::clear()
{
    setComments({});
}

void ReviewCommentList::setReadOnly(bool readOnly, const QString &title)
{
    m_readOnly = readOnly;
    m_readOnlyTitle = title;
    refresh();
}

void ReviewCommentList::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && !m_readOnly) {
        removeComment(m_list->currentRow());
        return;
    }
    QWidget::keyPressEvent(event);
}

void ReviewCommentList::refresh()
{
    m_list->clear();
    for (const LineComment &comment : std::as_const(m_comments)) {
        auto *item =
            new QListWidgetItem(u"%1:%2: %3"_s.arg(comment.file).arg(comment.line).arg(comment.text));
        item->setToolTip(item->text());
        m_list->addItem(item);
    }
    if (m_readOnly)
        m_title->setText(m_readOnlyTitle.isEmpty() ? tr("Comments") : m_readOnlyTitle);
    else
        m_title->setText(tr("Your comments (%1)").arg(m_comments.size()));
    m_remove->setVisible(!m_readOnly);
    m_remove->setEnabled(!m_readOnly && m_list->currentRow() >= 0);
    m_hint->setVisible(!m_readOnly && m_comments.isEmpty());
}

} // namespace delegate::ui
