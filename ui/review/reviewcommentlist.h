// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linecomment.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace delegate::ui {

// The line comments of a review being written ("file:line: text"), before
// they go to the engine together with "Request changes"; or, read-only, the
// comments an earlier review made.
class ReviewCommentList final : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewCommentList(QWidget *parent = nullptr);

    void addComment(const LineComment &comment);
    void removeComment(int index);
    void setComments(const QList<LineComment> &comments);
    const QList<LineComment> &comments() const { return m_comments; }
    void clear();
    void setReadOnly(bool readOnly, const QString &title = {});
    bool isReadOnly() const { return m_readOnly; }
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void commentsChanged();
    // A comment was picked: show its line.
    void commentActivated(const delegate::ui::LineComment &comment);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void refresh();

    QLabel *m_title;
    QListWidget *m_list;
    QPushButton *m_remove;
    QLabel *m_hint;
    QList<LineComment> m_comments;
    bool m_readOnly = false;
    QString m_readOnlyTitle;
};

} // namespace delegate::ui
