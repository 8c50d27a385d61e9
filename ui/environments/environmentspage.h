// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "library/environmentlibrary.h"
#include "review/confirmation.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace delegate {
class SecretStore;
}

namespace delegate::ui {

class AlignmentPanel;
class EnvironmentEditor;
class EnvironmentListModel;
class InlineMessage;

// The Environments section: the library's profiles in a list, the selected
// one in the editor, and beside it the alignment check against a task read
// from a file. New, duplicate, delete (after confirmation), save and revert;
// unsaved edits are never dropped without asking.
class EnvironmentsPage final : public QWidget
{
    Q_OBJECT

public:
    EnvironmentsPage(EnvironmentLibrary library, SecretStore *secrets, QWidget *parent = nullptr);

    // Tests answer confirmations without a dialog.
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

    EnvironmentEditor *editor() const { return m_editor; }
    AlignmentPanel *alignment() const { return m_alignment; }
    EnvironmentListModel *model() const { return m_model; }
    QListView *list() const { return m_list; }
    InlineMessage *message() const { return m_message; }

    QString currentName() const { return m_loadedName; }
    bool isModified() const;

    bool selectEnvironment(const QString &name);
    bool save();
    void revert();
    bool newEnvironment();
    bool duplicateEnvironment();
    bool deleteEnvironment();
    // Checks the environment against this task file (TaskYaml).
    bool setTaskFile(const QString &path);

private:
    void buildLayout();
    void display(const EnvironmentProfile &profile, const QString &loadedName, bool example);
    bool confirmDiscard();
    QString unusedName(const QString &base) const;
    void updateActions();
    void selectRow(const QString &name);

    const EnvironmentLibrary m_library;
    QPointer<SecretStore> m_secrets;
    Confirmer m_confirmer = confirmWithDialog;
    EnvironmentListModel *m_model;
    QListView *m_list;
    EnvironmentEditor *m_editor;
    AlignmentPanel *m_alignment;
    InlineMessage *m_message;
    QLabel *m_title;
    QLabel *m_taskLabel;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_duplicate;
    QPushButton *m_delete;

    EnvironmentProfile m_loaded; // as last loaded or saved
    QString m_loadedName; // its file's name; empty for a new, unsaved profile
    bool m_example = false;
    bool m_switching = false;
};

} // namespace delegate::ui
