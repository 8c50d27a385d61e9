// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/taskscope.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProcess;
class QToolButton;
class QTreeView;

namespace delegate::ui {

class InlineMessage;
class ScopeTreeModel;
class StringListEditor;

// The task's scope: a repository (a local git repository, or a clone URL
// the engine reads), the base ref every attempt starts from (branches and
// tags listed from git), and the tree at that ref, whose check boxes write
// the include and exclude paths. The path lists below the tree take paths
// by hand too, for what the tree does not show.
class ScopeEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit ScopeEditor(QWidget *parent = nullptr);
    ~ScopeEditor() override;

    TaskScope scope() const;
    // Replaces the scope without emitting changed().
    void setScope(const TaskScope &scope);
    // Where a relative repository path is read from: the task file's folder.
    void setBaseDirectory(const QString &directory);

    QLineEdit *repositoryEdit() const { return m_repository; }
    QComboBox *baseRefBox() const { return m_baseRef; }
    QTreeView *treeView() const { return m_tree; }
    ScopeTreeModel *treeModel() const { return m_model; }
    StringListEditor *includeEditor() const { return m_include; }
    StringListEditor *excludeEditor() const { return m_exclude; }
    // The repository as git on this machine sees it; empty for a clone URL.
    QString localRepositoryFolder() const;

Q_SIGNALS:
    void changed();

private:
    void chooseRepository();
    void reloadSource();
    void listRefs(const QString &folder);
    void updateHint();

    QLineEdit *m_repository;
    QToolButton *m_browse;
    QComboBox *m_baseRef;
    QTreeView *m_tree;
    ScopeTreeModel *m_model;
    StringListEditor *m_include;
    StringListEditor *m_exclude;
    QLabel *m_hint;
    InlineMessage *m_message;
    QFormLayout *m_form;
    QString m_baseDirectory;
    QProcess *m_refs = nullptr;
    QString m_listedRefsFor;
    bool m_filling = false;
};

} // namespace delegate::ui
