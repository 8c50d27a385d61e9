// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skill.h"
#include "domain/taskspec.h"
#include "policy/lintreport.h"
#include "skills/skilllibrary.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QTimer;
class QUndoStack;

namespace delegate::ui {

class AlignmentPanel;
class BoundednessMeter;
class EngineHub;
class InlineMessage;
class SubmitPanel;
class TaskForm;

// The Compose page: every bound of a task in one form, the bounded-task
// lint's meter and findings beside it (re-judged a moment after each edit;
// a finding leads to its field), task files opened and saved in the form
// delegatectl reads, undo and redo of edits, and submitting the task to an
// engine in an environment. A past run's task can be loaded to adjust and
// send again.
class TaskComposer final : public QWidget
{
    Q_OBJECT

public:
    // What to do with unsaved changes before they would be replaced.
    enum class UnsavedChoice { Save, Discard, Cancel };
    using UnsavedPrompt = std::function<UnsavedChoice(QWidget *parent, const QString &fileName)>;
    using FileChooser = std::function<QString(QWidget *parent, bool forSaving, const QString &suggestion)>;

    explicit TaskComposer(EngineHub *hub, QWidget *parent = nullptr);
    ~TaskComposer() override;

    TaskSpec task() const;
    // Shows a task as a new, unsaved one (undo starts afresh).
    void setTask(const TaskSpec &task);
    QString filePath() const { return m_filePath; }
    bool isModified() const;
    const LintReport &lintReport() const { return m_report; }

    // Reads a task file into the form; false (with its errors shown) when
    // it is not a valid task, and the form keeps what it had.
    bool openFile(const QString &path);
    // Writes the form as a task file; false (with the reason shown) when a
    // field does not read or the file cannot be written.
    bool saveFile(const QString &path);
    // Asks what to do with unsaved changes; true when it is fine to go on.
    bool maybeKeepChanges();

    // Where a task's skill is found when it is sent (the user's and the
    // built-in skills by default).
    void setSkillLibrary(const SkillLibrary &library);
    // Tests answer instead of dialogs.
    void setUnsavedPrompt(UnsavedPrompt prompt) { m_unsavedPrompt = std::move(prompt); }
    void setFileChooser(FileChooser chooser) { m_fileChooser = std::move(chooser); }

    TaskForm *form() const { return m_form; }
    BoundednessMeter *meter() const { return m_meter; }
    SubmitPanel *submitPanel() const { return m_submitPanel; }
    AlignmentPanel *alignmentPanel() const { return m_alignment; }
    InlineMessage *message() const { return m_message; }
    QUndoStack *undoStack() const { return m_undo; }
    QAction *submitAction() const { return m_submitAction; }

public Q_SLOTS:
    void newTask();
    void open();
    bool save();
    bool saveAs();
    void submit();
    // Loads a past run's task (and the environment it ran in) to adjust and
    // send again.
    void composeFromRun(const QString &engineName, const QString &runId);
    // A task made from a skill; the skill goes with it when it is sent.
    void composeFromSkill(const delegate::TaskSpec &task, const delegate::Skill &skill);

Q_SIGNALS:
    void submitted(const QString &engine, const QStringList &runIds);
    void saveAsSkillRequested(const delegate::TaskSpec &task);
    // After a run's task was loaded (or failed to load; the message says why).
    void runTaskLoaded(const QString &runId);

private:
    class Snapshot;

    void buildActions();
    void formEdited();
    // Records the edits since the last snapshot as one undo step and lints.
    void commitEdit();
    void applySnapshot(const TaskSpec &task);
    void relint();
    void updateTitle();
    void setFilePath(const QString &path);
    void resetTo(const TaskSpec &task);

    EngineHub *m_hub;
    TaskForm *m_form;
    BoundednessMeter *m_meter;
    SubmitPanel *m_submitPanel;
    AlignmentPanel *m_alignment;
    InlineMessage *m_message;
    QLabel *m_fileLabel;
    QTimer *m_lintTimer;
    QUndoStack *m_undo;
    QAction *m_submitAction = nullptr;
    LintReport m_report;
    TaskSpec m_snapshot; // the task as of the last undo step
    TaskSpec m_saved; // the task as last opened or saved
    QString m_filePath;
    UnsavedPrompt m_unsavedPrompt;
    FileChooser m_fileChooser;
    SkillLibrary m_skills;
    std::optional<Skill> m_skill; // the skill a task came with, sent with it
    quint64 m_runRequest = 0; // a slower runs.get answer never replaces a newer one
    bool m_applying = false;
};

} // namespace delegate::ui
