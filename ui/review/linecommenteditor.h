// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace delegate::ui {

// The small editor that opens under a diff line to write a comment on it:
// Ctrl+Enter adds the comment, Escape closes the editor.
class LineCommentEditor final : public QFrame
{
    Q_OBJECT

public:
    explicit LineCommentEditor(QWidget *parent = nullptr);

    void open(const QString &file, int line);
    QString file() const { return m_file; }
    int line() const { return m_line; }
    QPlainTextEdit *textEdit() const { return m_text; }
    QPushButton *addButton() const { return m_add; }

Q_SIGNALS:
    void submitted(const QString &text);
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();

    QLabel *m_title;
    QPlainTextEdit *m_text;
    QPushButton *m_add;
    QPushButton *m_cancel;
    QString m_file;
    int m_line = 0;
};

} // namespace delegate::ui
