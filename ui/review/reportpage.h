// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTextBrowser;

namespace delegate::ui {

// A report as rendered Markdown; a reviewer may edit its Markdown and save
// the edit as the next version (runs.revise) instead of asking the agent.
class ReportPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ReportPage(QWidget *parent = nullptr);

    void setMarkdown(const QString &markdown);
    QString markdown() const { return m_markdown; }
    // Editing is offered only to someone who may review the latest version.
    void setEditable(bool editable);
    bool isEditing() const;
    void startEditing();
    void cancelEditing();
    QString editedMarkdown() const;

    QTextBrowser *browser() const { return m_browser; }
    QPlainTextEdit *editor() const { return m_editor; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    void saveRequested(const QString &markdown);
    void editingChanged(bool editing);

private:
    void updateButtons();

    QString m_markdown;
    QStackedWidget *m_stack;
    QTextBrowser *m_browser;
    QPlainTextEdit *m_editor;
    QPushButton *m_edit;
    QPushButton *m_save;
    QPushButton *m_cancel;
    bool m_editable = false;
};

} // namespace delegate::ui
