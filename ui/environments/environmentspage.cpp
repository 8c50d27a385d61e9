// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentspage.h"

#include "alignmentpanel.h"
#include "domain/taskyaml.h"
#include "environmenteditor.h"
#include "environmentlistmodel.h"
#include "review/inlinemessage.h"
#include "secrets/secretstore.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QScrollArea *scrolling(QWidget *content, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

} // namespace

EnvironmentsPage::EnvironmentsPage(EnvironmentLibrary library, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_secrets(secrets)
    , m_model(new EnvironmentListModel(std::move(library), this))
    , m_list(new QListView(this))
    , m_editor(new EnvironmentEditor(this))
    , m_alignment(new AlignmentPanel(this))
    , m_message(new InlineMessage(this))
    , m_title(new QLabel(this))
    , m_taskLabel(new QLabel(this))
{
    m_editor->setSecretStore(secrets);
    buildLayout();
    connect(m_editor, &EnvironmentEditor::edited, this, [this](const EnvironmentProfile &profile) {
        m_alignment->setEnvironment(profile);
        updateActions();
    });
    connect(m_alignment, &AlignmentPanel::environmentChanged, this,
            [this](const EnvironmentProfile &profile) {
                m_editor->setProfile(profile, m_example);
                m_editor->validate();
                updateActions();
                m_message->showInformation(tr("Fix applied to the form; save to keep it."));
            });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_switching || !current.isValid())
                    return;
                const QString name = current.data(EnvironmentListModel::NameRole).toString();
                if (name != m_loadedName && !selectEnvironment(name))
                    selectRow(m_loadedName);
            });
    if (m_model->rowCount() > 0)
        selectEnvironment(m_model->index(0).data(EnvironmentListModel::NameRole).toString());
    else
        newEnvironment();
}

void EnvironmentsPage::buildLayout()
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"environmentsSplitter"_s);
    layout->addWidget(splitter);

    auto *listPane = new QWidget(splitter);
    auto *listLayout = new QVBoxLayout(listPane);
    m_list->setModel(m_model);
    m_list->setObjectName(u"environmentList"_s);
    listLayout->addWidget(new QLabel(tr("<b>Environments</b>"), listPane));
    listLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    auto *create = new QPushButton(tr("New"), listPane);
    create->setShortcut(QKeySequence::New);
    create->setToolTip(
        tr("A new environment that grants nothing (%1)").arg(QKeySequence(QKeySequence::New).toString()));
    m_duplicate = new QPushButton(tr("Duplicate"), listPane);
    m_duplicate->setToolTip(tr("A copy of this environment under a new name"));
    m_delete = new QPushButton(tr("Delete…"), listPane);
    m_delete->setToolTip(tr("Removes this environment's file, after asking"));
    listButtons->addWidget(create);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_delete);
    listLayout->addLayout(listButtons);
    connect(create, &QPushButton::clicked, this, &EnvironmentsPage::newEnvironment);
    connect(m_duplicate, &QPushButton::clicked, this, &EnvironmentsPage::duplicateEnvironment);
    connect(m_delete, &QPushButton::clicked, this, &EnvironmentsPage::deleteEnvironment);

    auto *editorPane = new QWidget(splitter);
    auto *editorLayout = new QVBoxLayout(editorPane);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    editorLayout->addWidget(m_title);
    editorLayout->addWidget(m_message);
    editorLayout->addWidget(scrolling(m_editor, editorPane), 1);
    auto *editorButtons = new QHBoxLayout;
    editorButtons->addStretch(1);
    m_revert = new QPushButton(tr("Revert"), editorPane);
    m_revert->setToolTip(tr("Back to the file as saved"));
    m_save = new QPushButton(tr("Save"), editorPane);
    m_save->setObjectName(u"save"_s);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(
        tr("Write the environment file (%1)").arg(QKeySequence(QKeySequence::Save).toString()));
    m_save->setDefault(true);
    editorButtons->addWidget(m_revert);
    editorButtons->addWidget(m_save);
    editorLayout->addLayout(editorButtons);
    connect(m_save, &QPushButton::clicked, this, &EnvironmentsPage::save);
    connect(m_revert, &QPushButton::clicked, this, &EnvironmentsPage::revert);

    auto *alignmentPane = new QWidget(splitter);
    auto *alignmentLayout = new QVBoxLayout(alignmentPane);
    alignmentLayout->addWidget(new QLabel(tr("<b>Alignment with a task</b>"), alignmentPane));
    auto *taskRow = new QHBoxLayout;
    m_taskLabel->setText(tr("No task chosen."));
    m_taskLabel->setWordWrap(true);
    auto *chooseTask = new QPushButton(tr("Choose task file…"), alignmentPane);
    connect(chooseTask, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Task to check against"), QString(),
                                                          tr("Task files (*.yaml *.yml)"));
        if (!path.isEmpty())
            setTaskFile(path);
    });
    taskRow->addWidget(m_taskLabel, 1);
    taskRow->addWidget(chooseTask);
    alignmentLayout->addLayout(taskRow);
    alignmentLayout->addWidget(scrolling(m_alignment, alignmentPane), 1);

    splitter->addWidget(listPane);
    splitter->addWidget(editorPane);
    splitter->addWidget(alignmentPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({ 220, 560, 420 });
}

bool EnvironmentsPage::isModified() const
{
    return m_loadedName.isEmpty() || m_editor->profile() != m_loaded || !m_editor->problems().isEmpty();
}

bool EnvironmentsPage::confirmDiscard()
{
    if (!isModified() || (m_loadedName.isEmpty() && m_editor->profile() == m_loaded))
        return true;
    const QString name = m_loadedName.isEmpty() ? m_editor->profile().name : m_loadedName;
    return m_confirmer(this,
                       { tr("Discard changes"),
                         tr("Discard the unsaved changes to %1?").arg(name),
                         { tr("The form goes back to the file; what was typed since is lost.") },
                         tr("Discard changes") });
}

bool EnvironmentsPage::selectEnvironment(const QString &name)
{
    if (name == m_loadedName && !m_loadedName.isEmpty())
        return true;
    if (!confirmDiscard())
        return false;
    const LoadResult<EnvironmentProfile> loaded = m_library.load(name);
    if (!loaded.ok()) {
        QStringList lines;
        for (const SourceError &error : loaded.errors)
            lines.append(error.toString().toHtmlEscaped());
        m_message->showError(tr("%1 cannot be read; fix the file in a text editor:<br>%2")
                                 .arg(name.toHtmlEscaped(), lines.join(u"<br>"_s)));
        return false;
    }
    m_message->clear();
    display(*loaded.value, name, m_library.isExample(name));
    return true;
}

void EnvironmentsPage::display(const EnvironmentProfile &profile, const QString &loadedName, bool example)
{
    m_loaded = profile;
    m_loadedName = loadedName;
    m_example = example;
    m_editor->setProfile(profile, example);
    m_alignment->setEnvironment(profile);
    if (loadedName.isEmpty())
        m_title->setText(tr("<b>New environment</b> — not saved yet"));
    else if (example)
        m_title->setText(tr("<b>%1</b> — an example shipped with Delegate, read-only: duplicate it to make "
                            "your own.")
                             .arg(loadedName.toHtmlEscaped()));
    else
        m_title->setText(
            tr("<b>%1</b> — %2")
                .arg(loadedName.toHtmlEscaped(), m_library.filePath(loadedName).toHtmlEscaped()));
    selectRow(loadedName);
    updateActions();
}

bool EnvironmentsPage::save()
{
    if (m_example) {
        m_message->showError(tr("Examples are read-only; duplicate this one to change it."));
        return false;
    }
    if (!m_editor->validate()) {
        m_message->showError(tr("Not saved: fix the fields marked in red."));
        return false;
    }
    const EnvironmentProfile profile = m_editor->profile();
    const bool renamed = !m_loadedName.isEmpty() && profile.name != m_loadedName;
    if ((renamed || m_loadedName.isEmpty()) && m_library.contains(profile.name)
        && !m_library.isExample(profile.name)) {
        m_message->showError(tr("Not saved: an environment named %1 exists already; choose another name.")
                                 .arg(profile.name.toHtmlEscaped()));
        return false;
    }
    QString error;
    if (!m_library.save(profile, &error)) {
        m_message->showError(tr("Not saved: %1").arg(error.toHtmlEscaped()));
        return false;
    }
    if (renamed && !m_library.remove(m_loadedName, &error))
        m_message->showError(
            tr("Saved as %1, but the old file stays: %2").arg(profile.name, error.toHtmlEscaped()));
    else
        m_message->showMessage(InlineMessage::Kind::Success,
                               tr("Saved to %1.").arg(m_library.filePath(profile.name).toHtmlEscaped()));
    m_switching = true;
    m_model->reload();
    m_switching = false;
    const QString keep = m_message->text();
    const InlineMessage::Kind kind = m_message->kind();
    display(profile, profile.name, false);
    m_message->showMessage(kind, keep);
    return true;
}

void EnvironmentsPage::revert()
{
    m_editor->setProfile(m_loaded, m_example);
    m_alignment->setEnvironment(m_loaded);
    m_message->clear();
    updateActions();
}

QString EnvironmentsPage::unusedName(const QString &base) const
{
    QString name = base;
    for (int n = 2; m_library.contains(name); ++n)
        name = base + u'-' + QString::number(n);
    return name;
}

bool EnvironmentsPage::newEnvironment()
{
    if (!confirmDiscard())
        return false;
    EnvironmentProfile profile;
    profile.name = unusedName(u"new-environment"_s);
    m_message->clear();
    display(profile, QString(), false);
    return true;
}

bool EnvironmentsPage::duplicateEnvironment()
{
    EnvironmentProfile copy = m_editor->profile();
    if (!confirmDiscard())
        return false;
    if (!m_loadedName.isEmpty())
        copy = m_loaded;
    copy.name = unusedName(copy.name + u"-copy"_s);
    display(copy, QString(), false);
    m_message->showInformation(tr("A copy, not saved yet: change what differs, then save."));
    return true;
}

bool EnvironmentsPage::deleteEnvironment()
{
    if (m_loadedName.isEmpty() || m_example)
        return false;
    const QString path = m_library.filePath(m_loadedName);
    const ConfirmationRequest request {
        tr("Delete environment"),
        tr("Delete the environment %1?").arg(m_loadedName),
        { tr("Removes the file %1.").arg(path),
          tr("Tasks that name %1 can no longer be sent off until another environment has its name.")
              .arg(m_loadedName) },
        tr("Delete %1").arg(m_loadedName),
    };
    if (!m_confirmer(this, request))
        return false;
    QString error;
    if (!m_library.remove(m_loadedName, &error)) {
        m_message->showError(error.toHtmlEscaped());
        return false;
    }
    const QString removed = m_loadedName;
    m_switching = true;
    m_model->reload();
    m_switching = false;
    m_loadedName.clear();
    m_loaded = m_editor->profile(); // nothing left to lose
    if (m_model->rowCount() > 0)
        selectEnvironment(m_model->index(0).data(EnvironmentListModel::NameRole).toString());
    else
        newEnvironment();
    m_message->showInformation(tr("Deleted %1.").arg(removed.toHtmlEscaped()));
    return true;
}

bool EnvironmentsPage::setTaskFile(const QString &path)
{
    const LoadResult<TaskSpec> task = TaskYaml::load(path);
    if (!task.ok()) {
        QStringList lines;
        for (const SourceError &error : task.errors)
            lines.append(error.toString().toHtmlEscaped());
        m_taskLabel->setText(tr("<span style='color:#c62828'>%1 cannot be read:</span><br>%2")
                                 .arg(path.toHtmlEscaped(), lines.join(u"<br>"_s)));
        m_alignment->clearTask();
        return false;
    }
    m_taskLabel->setText(tr("Task: <b>%1</b><br><small>%2</small>")
                             .arg(task.value->title.toHtmlEscaped(), path.toHtmlEscaped()));
    m_alignment->setTask(*task.value);
    return true;
}

void EnvironmentsPage::updateActions()
{
    const bool modified = isModified();
    m_save->setEnabled(!m_example && modified);
    m_revert->setEnabled(!m_loadedName.isEmpty() && modified);
    m_delete->setEnabled(!m_loadedName.isEmpty() && !m_example);
    m_duplicate->setEnabled(true);
}

void EnvironmentsPage::selectRow(const QString &name)
{
    m_switching = true;
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
    else
        m_list->clearSelection();
    m_switching = false;
}

} // namespace delegate::ui
