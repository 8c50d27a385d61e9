// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskform.h"

#include "contexteditor.h"
#include "contextitemrow.h"
#include "limitseditor.h"
#include "scopeeditor.h"
#include "skillreferenceeditor.h"
#include "stringlisteditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QPlainTextEdit *textEditor(QWidget *parent, int lines, const QString &placeholder)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setPlaceholderText(placeholder);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 14);
    return edit;
}

void setIfDifferent(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

void setIfDifferent(QPlainTextEdit *edit, const QString &text)
{
    if (edit->toPlainText() != text)
        edit->setPlainText(text);
}

void selectData(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    if (index >= 0 && box->currentIndex() != index)
        box->setCurrentIndex(index);
}

QString checkpointPolicyText(CheckpointPolicy policy)
{
    switch (policy) {
    case CheckpointPolicy::None:
        return TaskForm::tr("none — the run goes straight to its artifact");
    case CheckpointPolicy::ReviewPlan:
        return TaskForm::tr("review-plan — a person approves the plan before anything changes");
    case CheckpointPolicy::ReviewBeforeAction:
        return TaskForm::tr("review-before-action — a person reviews the result before anything acts on it");
    }
    return {};
}

QString runtimeText(AgentSpec::Runtime runtime)
{
    switch (runtime) {
    case AgentSpec::Runtime::Builtin:
        return TaskForm::tr("builtin — the engine's own tool loop");
    case AgentSpec::Runtime::ClaudeCode:
        return TaskForm::tr("claude-code — Claude Code in the sandbox");
    case AgentSpec::Runtime::Codex:
        return TaskForm::tr("codex — Codex in the sandbox");
    case AgentSpec::Runtime::Gemini:
        return TaskForm::tr("gemini — Gemini CLI in the sandbox");
    case AgentSpec::Runtime::Playbook:
        return TaskForm::tr("playbook — a skill's steps, no model");
    }
    return {};
}

} // namespace

TaskForm::TaskForm(QWidget *parent)
    : QScrollArea(parent)
{
    setObjectName(u"taskForm"_s);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(this);
    page->setObjectName(u"taskFormPage"_s);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 8, 12, 12);
    layout->setSpacing(4);
    QFormLayout *form = nullptr;
    const auto section = [&](const QString &title) {
        auto *heading = new QLabel(title, page);
        QFont font = heading->font();
        font.setBold(true);
        heading->setFont(font);
        if (layout->count() > 0)
            layout->addSpacing(10);
        layout->addWidget(heading);
        auto *rule = new QFrame(page);
        rule->setFrameShape(QFrame::HLine);
        rule->setFrameShadow(QFrame::Sunken);
        layout->addWidget(rule);
        form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
        layout->addLayout(form);
    };
    const auto notify = [this] {
        if (!m_filling)
            Q_EMIT changed();
    };

    section(tr("Task"));
    m_title = new QLineEdit(page);
    m_title->setObjectName(u"title"_s);
    m_title->setPlaceholderText(tr("A short name for lists and reviews"));
    m_objective = textEditor(page, 4, tr("What to achieve: what to look at, where, and what to hand back"));
    m_objective->setObjectName(u"objective"_s);
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("&Objective"), m_objective);
    connect(m_title, &QLineEdit::textEdited, this, notify);
    connect(m_objective, &QPlainTextEdit::textChanged, this, notify);

    section(tr("Scope"));
    m_scope = new ScopeEditor(page);
    layout->addWidget(m_scope);
    connect(m_scope, &ScopeEditor::changed, this, notify);

    section(tr("Context"));
    m_context = new ContextEditor(page);
    m_context->setObjectName(u"context"_s);
    layout->addWidget(m_context);
    connect(m_context, &ContextEditor::changed, this, notify);

    section(tr("Constraints"));
    m_constraints = new StringListEditor(tr("Add something the agent must not do, and press Enter"), page);
    m_constraints->setObjectName(u"constraints"_s);
    layout->addWidget(m_constraints);
    connect(m_constraints, &StringListEditor::changed, this, notify);

    section(tr("Expected artifact and review"));
    m_artifactKind = new QComboBox(page);
    m_artifactKind->setObjectName(u"artifactKind"_s);
    m_artifactKind->addItem(tr("(not set)"), QString());
    for (const QString &name : enumNameList<ArtifactKind>())
        m_artifactKind->addItem(name, name);
    m_artifactDescription = textEditor(page, 3, tr("What it contains, in the reviewer's words"));
    m_artifactDescription->setObjectName(u"artifactDescription"_s);
    m_acceptance = new StringListEditor(tr("Add how a reviewer decides it is done, and press Enter"), page);
    m_acceptance->setObjectName(u"acceptanceCriteria"_s);
    m_verify =
        new StringListEditor(tr("Add a command the agent runs to check its work, such as make test"), page);
    m_verify->setObjectName(u"verifyCommands"_s);
    m_verify->setMonospace(true);
    m_checkpointPolicy = new QComboBox(page);
    m_checkpointPolicy->setObjectName(u"checkpointPolicy"_s);
    for (const EnumName<CheckpointPolicy> &entry : enumNames<CheckpointPolicy>())
        m_checkpointPolicy->addItem(checkpointPolicyText(entry.value), QString(entry.name));
    form->addRow(tr("&Kind"), m_artifactKind);
    form->addRow(tr("&Description"), m_artifactDescription);
    form->addRow(tr("&Acceptance criteria"), m_acceptance);
    form->addRow(tr("&Verify commands"), m_verify);
    form->addRow(tr("&Checkpoints"), m_checkpointPolicy);
    connect(m_artifactKind, &QComboBox::currentIndexChanged, this, notify);
    connect(m_artifactDescription, &QPlainTextEdit::textChanged, this, notify);
    connect(m_acceptance, &StringListEditor::changed, this, notify);
    connect(m_verify, &StringListEditor::changed, this, notify);
    connect(m_checkpointPolicy, &QComboBox::currentIndexChanged, this, notify);

    section(tr("Limits"));
    m_limits = new LimitsEditor(page);
    layout->addWidget(m_limits);
    connect(m_limits, &LimitsEditor::changed, this, notify);

    section(tr("Environment and agent"));
    m_environment = new QLineEdit(page);
    m_environment->setObjectName(u"environment"_s);
    m_environment->setPlaceholderText(tr("The name of an environment profile, such as repository-reader"));
    m_runtime = new QComboBox(page);
    m_runtime->setObjectName(u"agentRuntime"_s);
    for (const EnumName<AgentSpec::Runtime> &entry : enumNames<AgentSpec::Runtime>())
        m_runtime->addItem(runtimeText(entry.value), QString(entry.name));
    m_provider = new QLineEdit(page);
    m_provider->setObjectName(u"agentProvider"_s);
    m_provider->setPlaceholderText(tr("The engine's default (anthropic, openai, ollama …)"));
    m_model = new QLineEdit(page);
    m_model->setObjectName(u"agentModel"_s);
    m_model->setPlaceholderText(tr("The provider's default model"));
    m_attempts = new QSpinBox(page);
    m_attempts->setObjectName(u"attempts"_s);
    m_attempts->setRange(1, TaskSpec::maximumAttempts);
    m_attempts->setSuffix(tr(" attempt(s)"));
    m_attempts->setToolTip(tr("Best-of-N: N runs of the task, compared in review"));
    // Long descriptions in the lists must not widen the form.
    for (QComboBox *box : { m_artifactKind, m_checkpointPolicy, m_runtime }) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(16);
    }
    form->addRow(tr("&Environment"), m_environment);
    form->addRow(tr("&Runtime"), m_runtime);
    form->addRow(tr("&Provider"), m_provider);
    form->addRow(tr("&Model"), m_model);
    form->addRow(tr("Atte&mpts"), m_attempts);
    connect(m_environment, &QLineEdit::textEdited, this, notify);
    connect(m_runtime, &QComboBox::currentIndexChanged, this, notify);
    connect(m_provider, &QLineEdit::textEdited, this, notify);
    connect(m_model, &QLineEdit::textEdited, this, notify);
    connect(m_attempts, &QSpinBox::valueChanged, this, notify);

    section(tr("Skill"));
    m_skill = new SkillReferenceEditor(page);
    layout->addWidget(m_skill);
    connect(m_skill, &SkillReferenceEditor::changed, this, notify);
    layout->addStretch(1);
    setWidget(page);

    registerEditor(u"title"_s, m_title);
    registerEditor(u"objective"_s, m_objective);
    registerEditor(u"scope"_s, m_scope->repositoryEdit());
    registerEditor(u"scope.repository"_s, m_scope->repositoryEdit());
    registerEditor(u"scope.base_ref"_s, m_scope->baseRefBox());
    registerEditor(u"scope.include"_s, m_scope->includeEditor());
    registerEditor(u"scope.exclude"_s, m_scope->excludeEditor());
    registerEditor(u"context"_s, m_context);
    registerEditor(u"constraints"_s, m_constraints);
    registerEditor(u"expected_artifact"_s, m_artifactKind);
    registerEditor(u"expected_artifact.kind"_s, m_artifactKind);
    registerEditor(u"expected_artifact.description"_s, m_artifactDescription);
    registerEditor(u"acceptance_criteria"_s, m_acceptance);
    registerEditor(u"verify"_s, m_verify);
    registerEditor(u"checkpoint_policy"_s, m_checkpointPolicy);
    registerEditor(u"limits"_s, m_limits->stepsEdit());
    registerEditor(u"limits.wall_time"_s, m_limits->wallTimeEdit());
    registerEditor(u"limits.steps"_s, m_limits->stepsEdit());
    registerEditor(u"limits.tokens"_s, m_limits->tokensEdit());
    registerEditor(u"limits.cost_usd"_s, m_limits->costEdit());
    registerEditor(u"environment"_s, m_environment);
    registerEditor(u"agent"_s, m_runtime);
    registerEditor(u"agent.runtime"_s, m_runtime);
    registerEditor(u"agent.provider"_s, m_provider);
    registerEditor(u"agent.model"_s, m_model);
    registerEditor(u"attempts"_s, m_attempts);
    registerEditor(u"skill"_s, m_skill->nameEdit());
    registerEditor(u"skill.name"_s, m_skill->nameEdit());
    registerEditor(u"skill.parameters"_s, m_skill->parametersTable());
}

TaskSpec TaskForm::task() const
{
    TaskSpec task;
    task.title = m_title->text();
    task.objective = m_objective->toPlainText();
    task.scope = m_scope->scope();
    task.context = m_context->items();
    task.constraints = m_constraints->items();
    if (const QString kind = m_artifactKind->currentData().toString(); !kind.isEmpty())
        task.expectedArtifact.kind = enumFromString<ArtifactKind>(kind);
    task.expectedArtifact.description = m_artifactDescription->toPlainText();
    task.acceptanceCriteria = m_acceptance->items();
    task.verifyCommands = m_verify->items();
    task.checkpointPolicy = enumFromString<CheckpointPolicy>(m_checkpointPolicy->currentData().toString())
                                .value_or(CheckpointPolicy::None);
    task.limits = m_limits->limits();
    task.environment = m_environment->text();
    task.agent.runtime = enumFromString<AgentSpec::Runtime>(m_runtime->currentData().toString())
                             .value_or(AgentSpec::Runtime::Builtin);
    task.agent.provider = m_provider->text();
    task.agent.model = m_model->text();
    task.attempts = m_attempts->value();
    task.skill = m_skill->skill();
    return task;
}

void TaskForm::setTask(const TaskSpec &task)
{
    const QScopedValueRollback filling(m_filling, true);
    setIfDifferent(m_title, task.title);
    setIfDifferent(m_objective, task.objective);
    if (m_scope->scope() != task.scope)
        m_scope->setScope(task.scope);
    m_context->setItems(task.context);
    m_constraints->setItems(task.constraints);
    selectData(m_artifactKind,
               task.expectedArtifact.kind ? enumToString(*task.expectedArtifact.kind) : QString());
    setIfDifferent(m_artifactDescription, task.expectedArtifact.description);
    m_acceptance->setItems(task.acceptanceCriteria);
    m_verify->setItems(task.verifyCommands);
    selectData(m_checkpointPolicy, enumToString(task.checkpointPolicy));
    m_limits->setLimits(task.limits);
    setIfDifferent(m_environment, task.environment);
    selectData(m_runtime, enumToString(task.agent.runtime));
    setIfDifferent(m_provider, task.agent.provider);
    setIfDifferent(m_model, task.agent.model);
    if (m_attempts->value() != task.attempts)
        m_attempts->setValue(task.attempts);
    m_skill->setSkill(task.skill);
}

QStringList TaskForm::problems() const
{
    QStringList problems = m_limits->problems();
    const int attempts = m_attempts->value();
    if (attempts < 1 || attempts > TaskSpec::maximumAttempts)
        problems.append(tr("attempts: must be from 1 to %1").arg(TaskSpec::maximumAttempts));
    return problems;
}

void TaskForm::setBaseDirectory(const QString &directory)
{
    m_scope->setBaseDirectory(directory);
}

void TaskForm::setSkillNames(const QStringList &names)
{
    m_skill->setSkillNames(names);
}

void TaskForm::registerEditor(const QString &fieldPath, QWidget *editor)
{
    m_editors.insert(fieldPath, editor);
}

QWidget *TaskForm::editorFor(const QString &fieldPath) const
{
    // "context[2].url" and the like go to the nearest field that has an editor.
    QString path = fieldPath;
    while (!path.isEmpty()) {
        if (QWidget *editor = m_editors.value(path))
            return editor;
        const qsizetype cut = std::max(path.lastIndexOf(u'.'), path.lastIndexOf(u'['));
        path = cut < 0 ? QString() : path.left(cut);
    }
    return nullptr;
}

bool TaskForm::focusField(const QString &fieldPath)
{
    QWidget *editor = editorFor(fieldPath);
    if (!editor)
        return false;
    // A list editor takes the focus in its input line; the context editor
    // in its first item, or its first "Add" button when it has none.
    QWidget *target = editor;
    if (auto *context = qobject_cast<ContextEditor *>(editor)) {
        target = context->rows().isEmpty()
            ? static_cast<QWidget *>(context->findChild<QWidget *>(u"addContextFile"_s))
            : context->rows().constFirst()->valueEditor();
    } else if (auto *list = qobject_cast<StringListEditor *>(editor)) {
        target = list->input();
    }
    ensureWidgetVisible(editor, 20, 40);
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

} // namespace delegate::ui
