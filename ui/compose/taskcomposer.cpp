// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskcomposer.h"

#include "boundednessmeter.h"
#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "environments/alignmentpanel.h"
#include "review/inlinemessage.h"
#include "submitpanel.h"
#include "taskform.h"

#include "domain/repositorypath.h"
#include "domain/taskyaml.h"
#include "policy/boundedtasklint.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

// Long enough to let a word be typed, short enough to feel live.
constexpr int lintDelayMs = 250;

TaskComposer::UnsavedChoice askWithDialog(QWidget *parent, const QString &fileName)
{
    const auto answer = QMessageBox::question(
        parent, TaskComposer::tr("Unsaved task"),
        TaskComposer::tr("The task %1 has changes that are not saved. Save them first?").arg(fileName),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    switch (answer) {
    case QMessageBox::Save:
        return TaskComposer::UnsavedChoice::Save;
    case QMessageBox::Discard:
        return TaskComposer::UnsavedChoice::Discard;
    default:
        return TaskComposer::UnsavedChoice::Cancel;
    }
}

QString chooseWithDialog(QWidget *parent, bool forSaving, const QString &suggestion)
{
    const QString filter = TaskComposer::tr("Task files (*.yaml *.yml);;All files (*)");
    return forSaving
        ? QFileDialog::getSaveFileName(parent, TaskComposer::tr("Save the task"), suggestion, filter)
        : QFileDialog::getOpenFileName(parent, TaskComposer::tr("Open a task"), suggestion, filter);
}

QStringList skillNames(const SkillLibrary &library)
{
    QStringList names;
    for (const SkillEntry &entry : library.list())
        names.append(entry.name);
    return names;
}

// "fix-the-flaky-cache-test.yaml" from a title, for Save As.
QString suggestedFileName(const TaskSpec &task)
{
    QString base = task.title.isEmpty() ? TaskComposer::tr("task") : task.title.toLower();
    base.replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
    while (base.startsWith(u'-'))
        base.remove(0, 1);
    while (base.endsWith(u'-'))
        base.chop(1);
    return (base.isEmpty() ? u"task"_s : base.left(60)) + u".yaml"_s;
}

} // namespace

// One undo step: the whole task before and after a burst of edits. Tasks
// are small, and a snapshot undoes edits in any field (a ticked tree box, a
// removed context item) the same way.
class TaskComposer::Snapshot final : public QUndoCommand
{
public:
    Snapshot(TaskComposer *composer, TaskSpec before, TaskSpec after)
        : QUndoCommand(TaskComposer::tr("Edit the task"))
        , m_composer(composer)
        , m_before(std::move(before))
        , m_after(std::move(after))
    { }

    void undo() override { m_composer->applySnapshot(m_before); }
    void redo() override
    {
        // The first redo is the edit the person already made.
        if (m_done)
            m_composer->applySnapshot(m_after);
        m_done = true;
    }

private:
    TaskComposer *m_composer;
    TaskSpec m_before;
    TaskSpec m_after;
    bool m_done = false;
};

TaskComposer::TaskComposer(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_form(new TaskForm(this))
    , m_meter(new BoundednessMeter(this))
    , m_submitPanel(new SubmitPanel(hub, this))
    , m_alignment(new AlignmentPanel(this))
    , m_message(new InlineMessage(this))
    , m_fileLabel(new QLabel(this))
    , m_lintTimer(new QTimer(this))
    , m_undo(new QUndoStack(this))
    , m_unsavedPrompt(&askWithDialog)
    , m_fileChooser(&chooseWithDialog)
{
    setObjectName(u"taskComposer"_s);
    m_fileLabel->setObjectName(u"composerFile"_s);
    m_message->setObjectName(u"composerMessage"_s);
    m_lintTimer->setSingleShot(true);
    m_lintTimer->setInterval(lintDelayMs);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(u"composerToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(16, 16));
    buildActions();
    toolbar->addActions(actions().mid(0, 4));
    toolbar->addSeparator();
    toolbar->addActions(actions().mid(4, 2));
    toolbar->addSeparator();
    toolbar->addAction(actions().at(6));
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_fileLabel);

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(8, 8, 8, 8);
    auto *rule = new QFrame(side);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    sideLayout->addWidget(m_meter, 1);
    sideLayout->addWidget(rule);
    sideLayout->addWidget(m_alignment);
    sideLayout->addWidget(m_submitPanel);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"composerSplitter"_s);
    splitter->addWidget(m_form);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 620, 420 });
    splitter->setCollapsible(0, false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_form, &TaskForm::changed, this, &TaskComposer::formEdited);
    connect(m_lintTimer, &QTimer::timeout, this, &TaskComposer::commitEdit);
    connect(m_meter, &BoundednessMeter::fieldActivated, m_form, &TaskForm::focusField);
    connect(m_submitPanel, &SubmitPanel::submitRequested, this, &TaskComposer::submit);
    connect(m_submitPanel, &SubmitPanel::submitted, this, &TaskComposer::submitted);
    connect(m_undo, &QUndoStack::cleanChanged, this, &TaskComposer::updateTitle);
    // Least privilege, live: the chosen environment against the task; a
    // fix changes the profile this task is sent with (the library's file
    // stays as it is).
    m_alignment->setObjectName(u"composerAlignment"_s);
    connect(m_submitPanel, &SubmitPanel::environmentChanged, this, [this] {
        if (const auto &environment = m_submitPanel->environment())
            m_alignment->setEnvironment(*environment);
        m_alignment->setVisible(m_submitPanel->environment().has_value());
    });
    connect(m_alignment, &AlignmentPanel::environmentChanged, this,
            [this](const EnvironmentProfile &profile) {
                m_submitPanel->setEnvironment(profile, tr("%1, adjusted for this task").arg(profile.name));
            });
    m_alignment->setVisible(false);
    resetTo(TaskSpec {});
    m_form->setSkillNames(skillNames(m_skills));
}

TaskComposer::~TaskComposer()
{
    // Undo commands call back into the composer; they go first.
    m_undo->disconnect(this);
    m_undo->clear();
}

void TaskComposer::buildActions()
{
    const auto add = [this](const QString &text, const QKeySequence &keys, QStyle::StandardPixmap icon,
                            const QString &name) {
        auto *action = new QAction(style()->standardIcon(icon, nullptr, this), text, this);
        action->setObjectName(name);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (!keys.isEmpty())
            action->setToolTip(
                u"%1 (%2)"_s.arg(QString(text).remove(u'&'), keys.toString(QKeySequence::NativeText)));
        addAction(action);
        return action;
    };
    connect(add(tr("&New"), QKeySequence::New, QStyle::SP_FileIcon, u"composerNew"_s), &QAction::triggered,
            this, &TaskComposer::newTask);
    connect(add(tr("&Open…"), QKeySequence::Open, QStyle::SP_DialogOpenButton, u"composerOpen"_s),
            &QAction::triggered, this, &TaskComposer::open);
    connect(add(tr("&Save"), QKeySequence::Save, QStyle::SP_DialogSaveButton, u"composerSave"_s),
            &QAction::triggered, this, &TaskComposer::save);
    connect(add(tr("Save &As…"), QKeySequence::SaveAs, QStyle::SP_DialogSaveButton, u"composerSaveAs"_s),
            &QAction::triggered, this, &TaskComposer::saveAs);

    QAction *undo = add(tr("&Undo"), QKeySequence::Undo, QStyle::SP_ArrowBack, u"composerUndo"_s);
    QAction *redo = add(tr("&Redo"), QKeySequence::Redo, QStyle::SP_ArrowForward, u"composerRedo"_s);
    // Edits still waiting for their undo step are recorded first.
    connect(undo, &QAction::triggered, this, [this] {
        commitEdit();
        m_undo->undo();
    });
    connect(redo, &QAction::triggered, this, [this] {
        commitEdit();
        m_undo->redo();
    });
    const auto updateUndo = [this, undo, redo] {
        undo->setEnabled(m_undo->canUndo() || m_lintTimer->isActive());
        redo->setEnabled(m_undo->canRedo());
    };
    connect(m_undo, &QUndoStack::indexChanged, this, updateUndo);
    connect(m_lintTimer, &QTimer::timeout, this, updateUndo);
    connect(m_form, &TaskForm::changed, this, updateUndo);
    updateUndo();

    connect(add(tr("Save as s&kill…"), {}, QStyle::SP_FileDialogNewFolder, u"composerSaveAsSkill"_s),
            &QAction::triggered, this, [this] {
                commitEdit();
                Q_EMIT saveAsSkillRequested(m_form->task());
            });

    m_submitAction = new QAction(tr("Su&bmit"), this);
    m_submitAction->setObjectName(u"composerSubmit"_s);
    m_submitAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_submitAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_submitAction);
    connect(m_submitAction, &QAction::triggered, this, &TaskComposer::submit);
}

TaskSpec TaskComposer::task() const
{
    return m_form->task();
}

void TaskComposer::setTask(const TaskSpec &task)
{
    m_message->clear();
    m_skill.reset();
    resetTo(task);
    setFilePath({});
    // Not in a file yet: any content is unsaved.
    m_saved = TaskSpec {};
    updateTitle();
}

void TaskComposer::resetTo(const TaskSpec &task)
{
    m_lintTimer->stop();
    m_undo->clear();
    {
        const QScopedValueRollback applying(m_applying, true);
        m_form->setTask(task);
    }
    m_snapshot = m_form->task();
    m_saved = m_snapshot;
    m_submitPanel->findEnvironmentFor(m_filePath, m_snapshot.environment);
    relint();
    updateTitle();
}

bool TaskComposer::isModified() const
{
    return m_form->task() != m_saved || !m_form->problems().isEmpty();
}

void TaskComposer::formEdited()
{
    if (m_applying)
        return;
    m_lintTimer->start();
    updateTitle();
}

void TaskComposer::commitEdit()
{
    m_lintTimer->stop();
    const TaskSpec now = m_form->task();
    if (now != m_snapshot) {
        // The environment named in the form is the one offered for submitting.
        if (now.environment != m_snapshot.environment)
            m_submitPanel->findEnvironmentFor(m_filePath, now.environment);
        TaskSpec before = m_snapshot;
        m_snapshot = now;
        m_undo->push(new Snapshot(this, std::move(before), now));
    }
    relint();
    updateTitle();
}

void TaskComposer::applySnapshot(const TaskSpec &task)
{
    {
        const QScopedValueRollback applying(m_applying, true);
        m_form->setTask(task);
    }
    m_snapshot = task;
    relint();
    updateTitle();
}

void TaskComposer::relint()
{
    const TaskSpec task = m_form->task();
    m_report = BoundedTaskLint().lint(task);
    m_meter->setReport(m_report);
    m_alignment->setTask(task);
}

void TaskComposer::updateTitle()
{
    const QString name = m_filePath.isEmpty() ? tr("New task") : QFileInfo(m_filePath).fileName();
    m_fileLabel->setText(isModified() ? name + tr(" (modified)") : name);
    m_fileLabel->setToolTip(m_filePath);
}

void TaskComposer::setFilePath(const QString &path)
{
    m_filePath = path;
    m_form->setBaseDirectory(path.isEmpty() ? QString() : QFileInfo(path).absolutePath());
}

bool TaskComposer::maybeKeepChanges()
{
    commitEdit();
    if (!isModified())
        return true;
    const QString name = m_filePath.isEmpty() ? tr("New task") : QFileInfo(m_filePath).fileName();
    switch (m_unsavedPrompt(this, name)) {
    case UnsavedChoice::Save:
        return save();
    case UnsavedChoice::Discard:
        return true;
    case UnsavedChoice::Cancel:
        return false;
    }
    return false;
}

void TaskComposer::newTask()
{
    if (!maybeKeepChanges())
        return;
    m_message->clear();
    setFilePath({});
    resetTo(TaskSpec {});
}

void TaskComposer::open()
{
    if (!maybeKeepChanges())
        return;
    const QString start = m_filePath.isEmpty() ? QDir::currentPath() : QFileInfo(m_filePath).path();
    const QString path = m_fileChooser(this, false, start);
    if (!path.isEmpty())
        openFile(path);
}

bool TaskComposer::openFile(const QString &path)
{
    const LoadResult<TaskSpec> loaded = TaskYaml::load(path);
    if (!loaded.ok()) {
        QStringList lines;
        for (const SourceError &error : loaded.errors)
            lines.append(error.toString().toHtmlEscaped());
        m_message->showError(
            tr("%1 is not a valid task file, so the form was left as it was. Fix these and open "
               "it again (docs/tasks.md describes every field):<br>%2")
                .arg(path.toHtmlEscaped(), lines.join(u"<br>"_s)));
        return false;
    }
    m_message->clear();
    setFilePath(QFileInfo(path).absoluteFilePath());
    resetTo(*loaded.value);
    return true;
}

bool TaskComposer::save()
{
    return m_filePath.isEmpty() ? saveAs() : saveFile(m_filePath);
}

bool TaskComposer::saveAs()
{
    commitEdit();
    const QString suggestion =
        m_filePath.isEmpty() ? QDir::current().filePath(suggestedFileName(m_form->task())) : m_filePath;
    const QString path = m_fileChooser(this, true, suggestion);
    return !path.isEmpty() && saveFile(path);
}

bool TaskComposer::saveFile(const QString &path)
{
    commitEdit();
    if (const QStringList problems = m_form->problems(); !problems.isEmpty()) {
        m_message->showError(tr("Not saved: %1. Fix the field and save again.").arg(problems.join(u"; "_s)));
        return false;
    }
    const TaskSpec task = m_form->task();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(TaskYaml::save(task)) < 0 || !file.commit()) {
        m_message->showError(
            tr("Could not write %1: %2. Choose another place with Save As….").arg(path, file.errorString()));
        return false;
    }
    m_message->clear();
    setFilePath(QFileInfo(path).absoluteFilePath());
    m_saved = task;
    m_undo->setClean();
    updateTitle();
    return true;
}

void TaskComposer::submit()
{
    commitEdit();
    if (m_submitPanel->isBusy())
        return;
    if (const QStringList problems = m_form->problems(); !problems.isEmpty()) {
        m_submitPanel->showError(tr("Not sent: %1. Fix the field first.").arg(problems.join(u"; "_s)));
        return;
    }
    TaskSpec task = m_form->task();
    if (task.objective.trimmed().isEmpty()) {
        m_submitPanel->showError(tr("Not sent: the task has no objective. Say what to achieve first."));
        m_form->focusField(u"objective"_s);
        return;
    }
    if (const auto &environment = m_submitPanel->environment()) {
        if (task.environment.isEmpty()) {
            // The engine runs the task in the environment sent with it; the
            // task names it, as a task file would.
            task.environment = environment->name;
            m_form->setTask(task);
            commitEdit();
        } else if (task.environment != environment->name) {
            m_submitPanel->showError(
                tr("The task names the environment %1, but %2 is chosen. Choose the file of %1, "
                   "or change the task's environment.")
                    .arg(task.environment, environment->name));
            return;
        }
    }
    // A task that names a skill is sent with it: the engine reads a
    // playbook's steps and the skill's instructions from it.
    std::optional<Skill> skill;
    if (!task.skill.name.isEmpty()) {
        if (m_skill && m_skill->name == task.skill.name) {
            skill = m_skill;
        } else {
            const LoadResult<Skill> loaded = m_skills.load(task.skill.name);
            if (!loaded.ok()) {
                m_submitPanel->showError(
                    tr("The task names the skill %1, which the skills library cannot give "
                       "(%2). Import it on the Skills page, or clear the skill's name.")
                        .arg(task.skill.name, loaded.errors.value(0).message));
                m_form->focusField(u"skill.name"_s);
                return;
            }
            skill = loaded.value;
        }
    } else if (task.agent.runtime == AgentSpec::Runtime::Playbook) {
        m_submitPanel->showError(
            tr("A playbook runs a skill's steps: name the skill, or pick another runtime."));
        m_form->focusField(u"skill.name"_s);
        return;
    }
    // The engine may run in another directory: a local path goes as an
    // absolute one, read from the task file's folder as delegatectl reads it.
    const QString base = m_filePath.isEmpty() ? QDir::currentPath() : QFileInfo(m_filePath).absolutePath();
    task.scope.repository = RepositoryPath::resolve(task.scope.repository, base);
    m_submitPanel->submit(task, skill);
}

void TaskComposer::setSkillLibrary(const SkillLibrary &library)
{
    m_skills = library;
    m_form->setSkillNames(skillNames(m_skills));
}

void TaskComposer::composeFromSkill(const TaskSpec &task, const Skill &skill)
{
    if (!maybeKeepChanges())
        return;
    setTask(task);
    m_skill = skill;
    m_message->showInformation(
        tr("A task from the skill %1, to adjust and send. It is not saved in a file yet.").arg(skill.name));
}

void TaskComposer::composeFromRun(const QString &engineName, const QString &runId)
{
    EngineSession *session = m_hub->engine(engineName);
    if (!session) {
        m_message->showError(tr("There is no engine called %1 to load run %2 from.").arg(engineName, runId));
        Q_EMIT runTaskLoaded(runId);
        return;
    }
    if (!maybeKeepChanges())
        return;
    const quint64 request = ++m_runRequest;
    const QString method = u"runs.get"_s;
    const QJsonObject params { { u"run_id"_s, runId } };
    m_message->showInformation(tr("Loading the task of %1…").arg(runId));
    QCoro::connect(
        session->call(method, params), this,
        [this, request, engineName, runId](const rpc::RpcOutcome &outcome) {
            if (request != m_runRequest)
                return;
            if (outcome.error) {
                m_message->showError(
                    tr("Could not load the task of %1: %2").arg(runId, outcome.error->message));
                Q_EMIT runTaskLoaded(runId);
                return;
            }
            const QJsonObject detail = outcome.result.toObject();
            const QJsonObject run = detail.value("run"_L1).toObject();
            const std::optional<TaskSpec> task = TaskSpec::fromJson(run.value("task"_L1).toObject());
            if (!task) {
                m_message->showError(tr("The engine sent a task for %1 that cannot be read.").arg(runId));
                Q_EMIT runTaskLoaded(runId);
                return;
            }
            setTask(*task);
            if (const auto environment =
                    EnvironmentProfile::fromJson(detail.value("environment"_L1).toObject()))
                m_submitPanel->setEnvironment(*environment, tr("run %1").arg(runId));
            m_submitPanel->setEngineName(engineName);
            m_message->showInformation(
                tr("The task of %1, to adjust and send again. It is not saved in a file yet.").arg(runId));
            Q_EMIT runTaskLoaded(runId);
        });
}

} // namespace delegate::ui
