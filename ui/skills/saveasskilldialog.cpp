// SPDX-License-Identifier: GPL-3.0-or-later
#include "saveasskilldialog.h"

#include "review/inlinemessage.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace delegate::ui {

using namespace Qt::StringLiterals;

namespace {

enum ParameterColumn { NameColumn, DescriptionColumn, RequiredColumn, DefaultColumn };

QStringList placeholdersOf(const TaskSpec &task)
{
    static const QRegularExpression placeholder(uR"(\{\{\s*([A-Za-z0-9_.-]+)\s*\}\})"_s);
    QStringList texts { task.title, task.objective, task.scope.repository, task.scope.baseRef,
                        task.expectedArtifact.description };
    texts += task.scope.include + task.constraints + task.acceptanceCriteria + task.verifyCommands;
    for (const ContextItem &item : task.context)
        texts.append(item.value);
    QStringList names;
    for (const QString &text : std::as_const(texts)) {
        QRegularExpressionMatchIterator it = placeholder.globalMatch(text);
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            if (!names.contains(name))
                names.append(name);
        }
    }
    return names;
}

} // namespace

SaveAsSkillDialog::SaveAsSkillDialog(const TaskSpec &task, SkillLibrary library, QWidget *parent)
    : QDialog(parent)
    , m_task(task)
    , m_library(std::move(library))
    , m_name(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_instructions(new QPlainTextEdit(this))
    , m_parameters(new QTableWidget(0, 4, this))
    , m_message(new InlineMessage(this))
{
    setObjectName(u"saveAsSkillDialog"_s);
    setWindowTitle(tr("Save as skill"));
    m_name->setObjectName(u"skillName"_s);
    m_name->setPlaceholderText(tr("lower-case-with-hyphens, e.g. diagnose-checkout"));
    m_description->setObjectName(u"skillDescription"_s);
    m_description->setPlaceholderText(tr("What the skill does and when to use it"));
    m_instructions->setObjectName(u"skillInstructions"_s);
    m_instructions->setPlaceholderText(tr("Instructions for the agent, in Markdown"));
    m_instructions->setPlainText(task.objective);
    m_parameters->setObjectName(u"skillParameters"_s);
    m_parameters->setHorizontalHeaderLabels(
        { tr("Parameter"), tr("Description"), tr("Required"), tr("Default") });
    m_parameters->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_parameters->verticalHeader()->hide();
    m_message->hide();

    const QStringList found = placeholdersOf(task);
    for (const QString &name : found)
        addParameter({ name, {}, true, task.skill.parameters.value(name) });

    auto *addRow = new QPushButton(tr("&Add parameter"), this);
    connect(addRow, &QPushButton::clicked, this, [this] { addParameter({}); });
    auto *removeRow = new QPushButton(tr("&Remove parameter"), this);
    connect(removeRow, &QPushButton::clicked, this, [this] {
        if (m_parameters->currentRow() >= 0)
            m_parameters->removeRow(m_parameters->currentRow());
    });
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(addRow);
    rowButtons->addWidget(removeRow);
    rowButtons->addStretch();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Description"), m_description);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(
        new QLabel(tr("Parameters: write {{name}} in the task's texts where a value goes"), this));
    layout->addWidget(m_parameters);
    layout->addLayout(rowButtons);
    layout->addWidget(new QLabel(tr("Instructions"), this));
    layout->addWidget(m_instructions, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(720, 620);
}

void SaveAsSkillDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void SaveAsSkillDialog::setDescription(const QString &description)
{
    m_description->setText(description);
}

void SaveAsSkillDialog::addParameter(const SkillParameter &parameter)
{
    const int row = m_parameters->rowCount();
    m_parameters->insertRow(row);
    m_parameters->setItem(row, NameColumn, new QTableWidgetItem(parameter.name));
    m_parameters->setItem(row, DescriptionColumn, new QTableWidgetItem(parameter.description));
    auto *required = new QTableWidgetItem;
    required->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    required->setCheckState(parameter.required ? Qt::Checked : Qt::Unchecked);
    m_parameters->setItem(row, RequiredColumn, required);
    m_parameters->setItem(row, DefaultColumn, new QTableWidgetItem(parameter.defaultValue));
}

Skill SaveAsSkillDialog::skill() const
{
    Skill skill;
    skill.name = m_name->text().trimmed();
    skill.description = m_description->text().trimmed();
    skill.instructions = m_instructions->toPlainText().trimmed();
    for (int row = 0; row < m_parameters->rowCount(); ++row) {
        const auto text = [this, row](int column) {
            const QTableWidgetItem *item = m_parameters->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        if (text(NameColumn).isEmpty())
            continue;
        const QTableWidgetItem *required = m_parameters->item(row, RequiredColumn);
        skill.parameters.append({ text(NameColumn), text(DescriptionColumn),
                                  required && required->checkState() == Qt::Checked, text(DefaultColumn) });
    }
    TaskSpec task = m_task;
    // The environment and the parameter values belong to each use, not to the skill.
    task.environment.clear();
    task.skill = {};
    skill.expectedArtifact = task.expectedArtifact;
    skill.checkpointPolicy = task.checkpointPolicy;
    skill.task = task;
    return skill;
}

bool SaveAsSkillDialog::save()
{
    const Skill made = skill();
    if (made.description.isEmpty()) {
        m_message->showError(tr("Describe what the skill does and when to use it (1 to 1024 characters)."));
        m_message->show();
        return false;
    }
    const LoadResult<Skill> saved = m_library.save(made);
    if (!saved.ok()) {
        QStringList lines;
        for (const SourceError &error : saved.errors)
            lines.append(error.path.isEmpty() ? error.message : error.path + u": "_s + error.message);
        m_message->showError(tr("Not saved: %1").arg(lines.join(u'\n')));
        m_message->show();
        return false;
    }
    Q_EMIT skillSaved(saved.value->name);
    return true;
}

} // namespace delegate::ui
