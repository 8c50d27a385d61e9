// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/taskspec.h"

#include <QHash>
#include <QScrollArea>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace delegate::ui {

class ContextEditor;
class LimitsEditor;
class ScopeEditor;
class SkillReferenceEditor;
class StringListEditor;

// Every bound of a task as one scrollable form, in the order a person
// thinks them through: what to achieve, where, with what context and
// constraints, what comes back and how it is judged, where a person looks,
// the limits, and who does the work. task() and setTask() map it onto a
// TaskSpec without loss, so a task file opened and saved is unchanged.
class TaskForm final : public QScrollArea
{
    Q_OBJECT

public:
    explicit TaskForm(QWidget *parent = nullptr);

    TaskSpec task() const;
    // Shows the task without emitting changed(); fields that already hold
    // the value are left alone, so the cursor stays where it is.
    void setTask(const TaskSpec &task);
    // Input that does not read as a value ("limits.wall_time: …"); such a
    // field counts as unset until it is fixed.
    QStringList problems() const;
    // Where a relative repository path is read from: the task file's folder.
    void setBaseDirectory(const QString &directory);
    // The skills to offer by name.
    void setSkillNames(const QStringList &names);

    // The editor of a field path as the lint names it ("limits.wall_time",
    // "scope", "acceptance_criteria"); null for an unknown path.
    QWidget *editorFor(const QString &fieldPath) const;
    // Scrolls to the field's editor and gives it the keyboard focus.
    bool focusField(const QString &fieldPath);

    ScopeEditor *scopeEditor() const { return m_scope; }
    ContextEditor *contextEditor() const { return m_context; }
    LimitsEditor *limitsEditor() const { return m_limits; }
    QPlainTextEdit *objectiveEdit() const { return m_objective; }
    QLineEdit *environmentEdit() const { return m_environment; }

Q_SIGNALS:
    void changed();

private:
    void registerEditor(const QString &fieldPath, QWidget *editor);

    QLineEdit *m_title;
    QPlainTextEdit *m_objective;
    ScopeEditor *m_scope;
    ContextEditor *m_context;
    StringListEditor *m_constraints;
    QComboBox *m_artifactKind;
    QPlainTextEdit *m_artifactDescription;
    StringListEditor *m_acceptance;
    StringListEditor *m_verify;
    QComboBox *m_checkpointPolicy;
    LimitsEditor *m_limits;
    QLineEdit *m_environment;
    QComboBox *m_runtime;
    QLineEdit *m_provider;
    QLineEdit *m_model;
    QSpinBox *m_attempts;
    SkillReferenceEditor *m_skill;
    QHash<QString, QWidget *> m_editors;
    bool m_filling = false;
};

} // namespace delegate::ui
