// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillspage.h"

#include "review/inlinemessage.h"
#include "skilllistmodel.h"
#include "skillparametersform.h"

#include "domain/quantities.h"
#include "domain/skillfolder.h"
#include "skills/skilltask.h"

#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace delegate::ui {

using namespace Qt::StringLiterals;

namespace {

QString sourceErrorsText(const SourceErrors &errors)
{
    QStringList lines;
    for (const SourceError &error : errors)
        lines.append(error.toString());
    return lines.join(u'\n');
}

} // namespace

SkillsPage::SkillsPage(SkillLibrary library, QWidget *parent)
    : QWidget(parent)
    , m_library(std::move(library))
    , m_model(new SkillListModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_message(new InlineMessage(this))
    , m_detail(new QWidget(this))
    , m_empty(new QLabel(this))
    , m_title(new QLabel(m_detail))
    , m_description(new QLabel(m_detail))
    , m_bounds(new QLabel(m_detail))
    , m_form(new SkillParametersForm(m_detail))
    , m_compose(new QPushButton(tr("Use in &composer"), m_detail))
    , m_batch(new QPushButton(tr("Run as &batch…"), m_detail))
    , m_instructions(new QTextBrowser(m_detail))
{
    setObjectName(u"skillsPage"_s);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(SkillListModel::SearchTextRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setObjectName(u"skillSearch"_s);
    m_search->setPlaceholderText(tr("Search skills"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    m_list->setObjectName(u"skillList"_s);
    m_list->setModel(m_filter);
    m_list->setUniformItemSizes(true);
    m_list->setAlternatingRowColors(true);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showSkill(current); });
    m_message->setObjectName(u"skillsMessage"_s);
    m_message->hide();

    auto *importButton = new QPushButton(tr("&Import…"), this);
    importButton->setToolTip(tr("Copy an Agent Skills folder into your skills, after checking it"));
    connect(importButton, &QPushButton::clicked, this, &SkillsPage::chooseImport);
    m_export->setToolTip(tr("Copy the chosen skill's folder somewhere else"));
    connect(m_export, &QPushButton::clicked, this, &SkillsPage::chooseExport);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(importButton);
    buttons->addWidget(m_export);
    buttons->addStretch();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_message);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(buttons);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"skillTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setWordWrap(true);
    m_description->setObjectName(u"skillDescription"_s);
    m_bounds->setWordWrap(true);
    m_bounds->setObjectName(u"skillBounds"_s);
    m_bounds->setTextFormat(Qt::RichText);
    m_instructions->setObjectName(u"skillInstructions"_s);
    m_instructions->setOpenExternalLinks(true);
    m_compose->setObjectName(u"useInComposer"_s);
    m_compose->setToolTip(tr("Open a task made from this skill and these values in the composer"));
    m_batch->setObjectName(u"runAsBatch"_s);
    m_batch->setToolTip(tr("Run this skill once per target: repositories, paths or issues"));
    connect(m_compose, &QPushButton::clicked, this, &SkillsPage::useInComposer);
    connect(m_batch, &QPushButton::clicked, this, [this] {
        if (m_skill)
            Q_EMIT runAsBatchRequested(*m_skill, m_form->values());
    });

    auto *parameters = new QGroupBox(tr("Parameters"), m_detail);
    auto *parametersLayout = new QVBoxLayout(parameters);
    parametersLayout->addWidget(m_form);
    auto *actions = new QHBoxLayout;
    actions->addStretch();
    actions->addWidget(m_compose);
    actions->addWidget(m_batch);
    parametersLayout->addLayout(actions);

    auto *detailLayout = new QVBoxLayout(m_detail);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_description);
    detailLayout->addWidget(m_bounds);
    detailLayout->addWidget(parameters);
    detailLayout->addWidget(new QLabel(tr("Instructions for the agent"), m_detail));
    detailLayout->addWidget(m_instructions, 1);

    m_empty->setObjectName(u"skillsEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_empty);
    rightLayout->addWidget(m_detail);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"skillsSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 300, 700 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    reload();
}

void SkillsPage::reload()
{
    const QString current = m_skill ? m_skill->name : QString();
    SourceErrors problems;
    m_model->reload(m_library, &problems);
    if (!problems.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Warning,
                               tr("Some skill folders were left out:\n%1").arg(sourceErrorsText(problems)));
    if (current.isEmpty() || !selectSkill(current)) {
        if (m_filter->rowCount() > 0)
            m_list->setCurrentIndex(m_filter->index(0, 0));
        else
            showSkill({});
    }
}

bool SkillsPage::selectSkill(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_search->clear();
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row));
    m_list->setCurrentIndex(index);
    showSkill(index);
    return true;
}

void SkillsPage::showSkill(const QModelIndex &index)
{
    m_skill.reset();
    if (!index.isValid()) {
        m_detail->hide();
        m_empty->setText(
            m_model->rowCount() == 0
                ? tr("No skills yet. Import an Agent Skills folder with Import…, or save a composed "
                     "task as a skill.")
                : tr("Choose a skill on the left to see what it does and fill in its parameters."));
        m_empty->show();
        m_export->setEnabled(false);
        return;
    }
    const QString folder = index.data(SkillListModel::FolderRole).toString();
    const LoadResult<Skill> loaded = SkillLibrary::check(folder);
    if (!loaded.ok()) {
        m_detail->hide();
        m_empty->setText(tr("This skill cannot be read:\n%1").arg(sourceErrorsText(loaded.errors)));
        m_empty->show();
        return;
    }
    m_skill = loaded.value;
    m_empty->hide();
    m_detail->show();
    m_export->setEnabled(true);
    const bool builtIn = index.data(SkillListModel::IsBuiltInRole).toBool();
    m_title->setText(m_skill->name);
    m_title->setToolTip(folder);
    m_description->setText(m_skill->description + (builtIn ? tr("  (built-in)") : tr("  (yours)")));
    m_bounds->setText(boundsText(*m_skill));
    m_form->setSkill(*m_skill);
    m_instructions->setMarkdown(m_skill->instructions);
}

QString SkillsPage::boundsText(const Skill &skill) const
{
    QStringList rows;
    const auto row = [&rows](const QString &label, const QString &value) {
        if (!value.isEmpty())
            rows.append(
                u"<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>"_s.arg(label, value.toHtmlEscaped()));
    };
    if (skill.expectedArtifact.kind)
        row(tr("Returns"),
            enumToString(*skill.expectedArtifact.kind) + u": "_s + skill.expectedArtifact.description);
    row(tr("Review"), enumToString(skill.checkpointPolicy));
    QStringList needs { tr("repository %1").arg(enumToString(skill.requiredCapabilities.repository)) };
    if (!skill.requiredCapabilities.tools.isEmpty())
        needs.append(tr("tools %1").arg(skill.requiredCapabilities.tools.join(u", "_s)));
    if (!skill.requiredCapabilities.secrets.isEmpty())
        needs.append(tr("secrets %1").arg(skill.requiredCapabilities.secrets.join(u", "_s)));
    row(tr("Needs"), needs.join(u"; "_s));
    QStringList verify = skill.verifyCommands;
    if (skill.task)
        verify += skill.task->verifyCommands;
    row(tr("Verify"), verify.join(u"  ·  "_s));
    if (skill.task) {
        const TaskLimits &limits = skill.task->limits;
        QStringList parts;
        if (limits.wallTime)
            parts.append(formatDuration(*limits.wallTime));
        if (limits.steps)
            parts.append(tr("%1 steps").arg(*limits.steps));
        if (limits.costUsd)
            parts.append(u"$"_s + QString::number(*limits.costUsd, 'f', 2));
        row(tr("Limits"), parts.join(u", "_s));
    }
    if (!skill.playbook.isEmpty())
        row(tr("Runs as"),
            tr("a playbook of %n step(s), without a model", nullptr, int(skill.playbook.size())));
    return u"<table>"_s + rows.join(QString()) + u"</table>"_s;
}

bool SkillsPage::importFolder(const QString &folder)
{
    const LoadResult<Skill> imported = m_library.importFolder(folder);
    if (!imported.ok()) {
        m_message->showError(tr("%1 was not imported:\n%2").arg(folder, sourceErrorsText(imported.errors)));
        m_message->show();
        return false;
    }
    m_message->showMessage(InlineMessage::Kind::Success,
                           tr("Imported %1 into your skills.").arg(imported.value->name));
    m_message->show();
    reload();
    selectSkill(imported.value->name);
    return true;
}

bool SkillsPage::exportSkill(const QString &name, const QString &destination)
{
    QString error;
    if (!m_library.exportSkill(name, destination, &error)) {
        m_message->showError(tr("%1 was not exported: %2.").arg(name, error));
        m_message->show();
        return false;
    }
    m_message->showMessage(InlineMessage::Kind::Success,
                           tr("Exported %1 to %2.").arg(name, QDir(destination).filePath(name)));
    m_message->show();
    return true;
}

void SkillsPage::chooseImport()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Import a skill folder (it holds a SKILL.md)"));
    if (!folder.isEmpty())
        importFolder(folder);
}

void SkillsPage::chooseExport()
{
    if (!m_skill)
        return;
    const QString destination =
        QFileDialog::getExistingDirectory(this, tr("Export %1 into which folder?").arg(m_skill->name));
    if (!destination.isEmpty())
        exportSkill(m_skill->name, destination);
}

void SkillsPage::useInComposer()
{
    if (!m_skill)
        return;
    if (const QString missing = m_form->validate(); !missing.isEmpty()) {
        m_message->showError(missing);
        m_message->show();
        return;
    }
    QString error;
    const std::optional<TaskSpec> task = SkillTask::make(*m_skill, TaskSpec {}, m_form->values(), &error);
    if (!task) {
        m_message->showError(tr("The task could not be made: %1.").arg(error));
        m_message->show();
        return;
    }
    m_message->hide();
    Q_EMIT useInComposerRequested(*task, *m_skill);
}

} // namespace delegate::ui
