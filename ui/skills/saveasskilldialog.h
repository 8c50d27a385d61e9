// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skill.h"
#include "domain/taskspec.h"
#include "skills/skilllibrary.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace delegate::ui {

class InlineMessage;

// "Save as skill": a composed task becomes a skill in the user's library.
// The task's texts may already hold {{placeholders}}; each one is offered
// as a parameter, and more can be added. The dialog stays open with the
// reason when the library refuses (a taken or invalid name, a placeholder
// without a parameter), so nothing typed is lost.
class SaveAsSkillDialog final : public QDialog
{
    Q_OBJECT

public:
    SaveAsSkillDialog(const TaskSpec &task, SkillLibrary library, QWidget *parent = nullptr);

    void setName(const QString &name);
    void setDescription(const QString &description);
    void addParameter(const SkillParameter &parameter);
    // The skill the dialog would save now.
    Skill skill() const;
    InlineMessage *message() const { return m_message; }
    // Saves; false, with the reason shown, when refused.
    bool save();

Q_SIGNALS:
    void skillSaved(const QString &name);

private:
    TaskSpec m_task;
    SkillLibrary m_library;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QPlainTextEdit *m_instructions;
    QTableWidget *m_parameters;
    InlineMessage *m_message;
};

} // namespace delegate::ui
