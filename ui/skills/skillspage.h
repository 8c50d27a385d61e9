// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skill.h"
#include "domain/taskspec.h"
#include "skills/skilllibrary.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;
class QTextBrowser;

namespace delegate::ui {

class InlineMessage;
class SkillListModel;
class SkillParametersForm;

// The Skills section: the library on the left (search, Import…, Export…),
// the chosen skill on the right: what it does, its bounds, a form for its
// parameters and its instructions rendered from Markdown. A filled form
// goes to the composer as a task, or to a batch over many targets.
class SkillsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit SkillsPage(SkillLibrary library = SkillLibrary(), QWidget *parent = nullptr);

    const SkillLibrary &library() const { return m_library; }
    void reload();
    bool selectSkill(const QString &name);
    std::optional<Skill> currentSkill() const { return m_skill; }
    SkillParametersForm *parametersForm() const { return m_form; }
    InlineMessage *message() const { return m_message; }

    // What Import… and Export… do once a folder is chosen; false (with the
    // reason shown on the page) when refused.
    bool importFolder(const QString &folder);
    bool exportSkill(const QString &name, const QString &destination);

Q_SIGNALS:
    // The task a filled form makes, for the composer to open.
    void useInComposerRequested(const delegate::TaskSpec &task, const delegate::Skill &skill);
    void runAsBatchRequested(const delegate::Skill &skill, const QMap<QString, QString> &values);

private:
    void showSkill(const QModelIndex &index);
    void chooseImport();
    void chooseExport();
    void useInComposer();
    QString boundsText(const Skill &skill) const;

    SkillLibrary m_library;
    SkillListModel *m_model;
    QSortFilterProxyModel *m_filter;
    QLineEdit *m_search;
    QListView *m_list;
    QPushButton *m_export;
    InlineMessage *m_message;
    QWidget *m_detail;
    QLabel *m_empty;
    QLabel *m_title;
    QLabel *m_description;
    QLabel *m_bounds;
    SkillParametersForm *m_form;
    QPushButton *m_compose;
    QPushButton *m_batch;
    QTextBrowser *m_instructions;
    std::optional<Skill> m_skill;
};

} // namespace delegate::ui
