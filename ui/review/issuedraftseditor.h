// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace delegate::ui {

class InlineMessage;

// The issue drafts an agent handed in, every field editable: title, source
// context, current and expected behaviour, scope, acceptance criteria and
// open questions (one per line). Edits stay here, shown as a pending edit,
// until they are saved as the next version (runs.revise) or discarded.
class IssueDraftsEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit IssueDraftsEditor(QWidget *parent = nullptr);

    void setDrafts(const QJsonArray &drafts);
    // The drafts with the edits.
    QJsonArray drafts() const { return m_drafts; }
    QJsonArray originalDrafts() const { return m_original; }
    bool isEdited() const { return m_drafts != m_original; }
    void discardEdits();
    void setReadOnly(bool readOnly);
    void selectDraft(int index);

    QListWidget *list() const { return m_list; }
    QPushButton *saveButton() const { return m_save; }
    QLineEdit *titleField() const { return m_title; }

Q_SIGNALS:
    void editedChanged(bool edited);
    // "Save as a new version": the drafts with the edits.
    void saveRequested(const QJsonArray &drafts);

private:
    void showDraft(int index);
    void storeField();
    void refreshList();

    QListWidget *m_list;
    InlineMessage *m_pending;
    QPushButton *m_discard;
    QPushButton *m_save;
    QLineEdit *m_title;
    QPlainTextEdit *m_sourceContext;
    QPlainTextEdit *m_currentBehaviour;
    QPlainTextEdit *m_expectedBehaviour;
    QPlainTextEdit *m_scope;
    QPlainTextEdit *m_acceptanceCriteria;
    QPlainTextEdit *m_openQuestions;
    QLabel *m_empty;
    QWidget *m_form;
    QJsonArray m_drafts;
    QJsonArray m_original;
    int m_shown = -1;
    bool m_filling = false;
    bool m_wasEdited = false;
};

} // namespace delegate::ui
