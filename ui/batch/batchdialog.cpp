// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchdialog.h"

#include "batchplanmodel.h"
#include "batchview.h"
#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "review/inlinemessage.h"
#include "skills/skillparametersform.h"

#include "domain/environmentyaml.h"
#include "skills/batchplan.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace delegate::ui {

using namespace Qt::StringLiterals;

namespace {

// runs.submit writes one event per run before it answers.
constexpr std::chrono::seconds submitTimeout { 60 };

QString newBatchId()
{
    const quint64 random = QRandomGenerator::global()->generate64();
    return u"batch-"_s + QString::number(random & 0xffffffffffffULL, 16).rightJustified(12, u'0');
}

} // namespace

BatchDialog::BatchDialog(EngineHub *hub, RunListModel *runs, SkillLibrary library,
                         EnvironmentLibrary environments, QWidget *parent)
    : QDialog(parent)
    , m_hub(hub)
    , m_library(std::move(library))
    , m_environments(std::move(environments))
    , m_targetsFolder(QDir::currentPath())
    , m_pages(new QStackedWidget(this))
    , m_skills(new QComboBox(this))
    , m_targetParameter(new QComboBox(this))
    , m_csv(new QCheckBox(tr("First line is a CSV header naming a parameter per column"), this))
    , m_targets(new QPlainTextEdit(this))
    , m_shared(new SkillParametersForm(this))
    , m_environment(new QComboBox(this))
    , m_environmentFile(new QLineEdit(this))
    , m_budget(new QDoubleSpinBox(this))
    , m_engines(new QComboBox(this))
    , m_preview(new QTableView(this))
    , m_model(new BatchPlanModel(this))
    , m_verdicts(new QLabel(this))
    , m_message(new InlineMessage(this))
    , m_submit(new QPushButton(tr("&Submit batch"), this))
    , m_view(new BatchView(runs, this))
{
    setObjectName(u"batchDialog"_s);
    setWindowTitle(tr("Run a skill as a batch"));

    const QList<SkillEntry> entries = m_library.list();
    for (const SkillEntry &entry : entries)
        m_skills->addItem(entry.name, entry.folder);
    m_skills->setObjectName(u"batchSkill"_s);
    connect(m_skills, &QComboBox::currentIndexChanged, this, &BatchDialog::skillChosen);
    m_targetParameter->setObjectName(u"batchTargetParameter"_s);
    m_targetParameter->setToolTip(tr("The parameter each line of a plain list fills"));
    m_targets->setObjectName(u"batchTargets"_s);
    m_targets->setPlaceholderText(
        tr("One target a line: a repository, a path or an issue. # starts a comment."));
    m_targets->setFont(QFont(u"monospace"_s));
    auto *loadCsv = new QPushButton(tr("&Load CSV…"), this);
    connect(loadCsv, &QPushButton::clicked, this, &BatchDialog::chooseCsv);
    m_environment->setObjectName(u"batchEnvironment"_s);
    m_environment->setToolTip(tr("The environment every run gets"));
    const QStringList environmentNames = m_environments.names();
    for (const QString &name : environmentNames)
        m_environment->addItem(name, name);
    m_environment->addItem(tr("An environment file…"), QString());
    m_environmentFile->setObjectName(u"batchEnvironmentFile"_s);
    m_environmentFile->setPlaceholderText(tr("ENV.yaml"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &BatchDialog::chooseEnvironment);
    const auto fileChosen = [this, browse] {
        const bool file = m_environment->currentData().toString().isEmpty();
        m_environmentFile->setVisible(file);
        browse->setVisible(file);
        m_replan.start();
    };
    connect(m_environment, &QComboBox::currentIndexChanged, this, fileChosen);
    fileChosen();
    m_budget->setObjectName(u"batchBudget"_s);
    m_budget->setPrefix(u"$"_s);
    m_budget->setRange(0, 100000);
    m_budget->setDecimals(2);
    m_budget->setSpecialValueText(tr("no batch budget"));
    m_budget->setToolTip(tr("What the whole batch may spend before a person is asked"));
    for (EngineSession *session : m_hub->engines())
        m_engines->addItem(session->name());
    m_preview->setObjectName(u"batchPreview"_s);
    m_preview->setModel(m_model);
    m_preview->verticalHeader()->hide();
    m_preview->horizontalHeader()->setSectionResizeMode(BatchPlanModel::LineColumn,
                                                        QHeaderView::ResizeToContents);
    m_preview->horizontalHeader()->setSectionResizeMode(BatchPlanModel::VerdictColumn,
                                                        QHeaderView::ResizeToContents);
    m_preview->horizontalHeader()->setSectionResizeMode(BatchPlanModel::TitleColumn, QHeaderView::Stretch);
    m_preview->horizontalHeader()->resizeSection(BatchPlanModel::RepositoryColumn, 200);
    m_preview->horizontalHeader()->resizeSection(BatchPlanModel::ParametersColumn, 200);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 8);
    m_preview->setWordWrap(false);
    m_preview->setTextElideMode(Qt::ElideMiddle);
    m_preview->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_verdicts->setObjectName(u"batchVerdicts"_s);
    m_message->hide();
    m_submit->setObjectName(u"submitBatch"_s);
    m_submit->setDefault(true);
    connect(m_submit, &QPushButton::clicked, this, &BatchDialog::submit);

    m_replan.setSingleShot(true);
    m_replan.setInterval(250);
    connect(&m_replan, &QTimer::timeout, this, &BatchDialog::updatePreview);
    const auto later = [this] {
        m_replan.start();
    };
    connect(m_targets, &QPlainTextEdit::textChanged, this, later);
    connect(m_csv, &QCheckBox::toggled, this, later);
    connect(m_targetParameter, &QComboBox::currentIndexChanged, this, [this] {
        // The parameter the targets fill is not asked for in the shared form.
        if (m_skill)
            m_shared->setSkill(*m_skill, { m_targetParameter->currentText() });
        m_replan.start();
    });
    connect(m_shared, &SkillParametersForm::edited, this, later);
    connect(m_environmentFile, &QLineEdit::textChanged, this, later);

    auto *targetsRow = new QHBoxLayout;
    targetsRow->addWidget(new QLabel(tr("Each line fills"), this));
    targetsRow->addWidget(m_targetParameter);
    targetsRow->addStretch();
    targetsRow->addWidget(loadCsv);
    auto *environmentRow = new QHBoxLayout;
    environmentRow->addWidget(m_environment);
    environmentRow->addWidget(m_environmentFile, 1);
    environmentRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("S&kill"), m_skills);
    auto *environmentLabel = new QLabel(tr("&Environment"), this);
    environmentLabel->setBuddy(m_environment);
    form->addRow(environmentLabel, environmentRow);
    form->addRow(tr("Bu&dget"), m_budget);
    if (m_engines->count() > 1)
        form->addRow(tr("E&ngine"), m_engines);
    else
        m_engines->hide();

    auto *inputs = new QWidget(this);
    auto *inputsLayout = new QVBoxLayout(inputs);
    inputsLayout->setContentsMargins(0, 0, 0, 0);
    inputsLayout->addLayout(form);
    inputsLayout->addWidget(new QLabel(tr("Targets"), this));
    inputsLayout->addLayout(targetsRow);
    inputsLayout->addWidget(m_targets, 1);
    inputsLayout->addWidget(m_csv);
    inputsLayout->addWidget(new QLabel(tr("Values every target shares"), this));
    inputsLayout->addWidget(m_shared);
    auto *previewPane = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(m_verdicts);
    previewLayout->addWidget(m_preview, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(inputs);
    splitter->addWidget(previewPane);
    splitter->setSizes({ 380, 320 });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    auto *cancel = new QPushButton(tr("Cancel"), this);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    buttons->addWidget(cancel);
    buttons->addWidget(m_submit);
    auto *compose = new QWidget(this);
    auto *composeLayout = new QVBoxLayout(compose);
    composeLayout->setContentsMargins(0, 0, 0, 0);
    composeLayout->addWidget(splitter, 1);
    composeLayout->addWidget(m_message);
    composeLayout->addLayout(buttons);

    m_pages->addWidget(compose);
    m_pages->addWidget(m_view);
    connect(m_view, &BatchView::openRun, this, &BatchDialog::openRun);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    resize(900, 760);
    skillChosen();
}

bool BatchDialog::setSkill(const QString &name)
{
    const int index = m_skills->findText(name);
    if (index < 0)
        return false;
    m_skills->setCurrentIndex(index);
    skillChosen();
    return true;
}

void BatchDialog::setSharedValues(const QMap<QString, QString> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_shared->setValue(it.key(), it.value());
    m_replan.start();
}

void BatchDialog::setTargets(const QString &text, bool csv)
{
    m_csv->setChecked(csv);
    m_targets->setPlainText(text);
    updatePreview();
}

void BatchDialog::setTargetParameter(const QString &name)
{
    m_targetParameter->setCurrentText(name);
}

bool BatchDialog::loadTargetsFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_message->showError(tr("Cannot read %1: %2.").arg(path, file.errorString()));
        m_message->show();
        return false;
    }
    // Relative repository paths in the file are read from its folder.
    m_targetsFolder = QFileInfo(path).absolutePath();
    setTargets(QString::fromUtf8(file.readAll()), BatchTargets::isCsv(path));
    return true;
}

bool BatchDialog::setEnvironment(const QString &name)
{
    const int index = m_environment->findData(name);
    if (index < 0 || name.isEmpty())
        return false;
    m_environment->setCurrentIndex(index);
    updatePreview();
    return true;
}

void BatchDialog::setEnvironmentFile(const QString &path)
{
    m_environment->setCurrentIndex(m_environment->count() - 1);
    m_environmentFile->setText(path);
    updatePreview();
}

void BatchDialog::setBudget(double usd)
{
    m_budget->setValue(usd);
}

bool BatchDialog::isShowingProgress() const
{
    return m_pages->currentWidget() == m_view;
}

void BatchDialog::skillChosen()
{
    m_skill.reset();
    m_targetParameter->blockSignals(true);
    m_targetParameter->clear();
    const LoadResult<Skill> loaded = SkillLibrary::check(m_skills->currentData().toString());
    if (loaded.ok()) {
        m_skill = loaded.value;
        for (const SkillParameter &parameter : m_skill->parameters)
            m_targetParameter->addItem(parameter.name);
        m_targetParameter->setCurrentText(BatchPlan::defaultTargetParameter(*m_skill, {}));
        m_shared->setSkill(*m_skill, { m_targetParameter->currentText() });
    } else if (m_skills->count() > 0) {
        m_message->showError(tr("The skill cannot be read: %1").arg(loaded.errors.value(0).toString()));
        m_message->show();
    }
    m_targetParameter->blockSignals(false);
    updatePreview();
}

std::optional<EnvironmentProfile> BatchDialog::environment(QString *error) const
{
    const QString name = m_environment->currentData().toString();
    const QString path = m_environmentFile->text().trimmed();
    if (name.isEmpty() && path.isEmpty()) {
        *error = tr("Choose the environment the runs get (an environment file, docs/tasks.md).");
        return std::nullopt;
    }
    const LoadResult<EnvironmentProfile> loaded =
        name.isEmpty() ? EnvironmentYaml::load(path) : m_environments.load(name);
    if (!loaded.ok()) {
        QStringList lines;
        for (const SourceError &problem : loaded.errors)
            lines.append(problem.toString());
        *error = tr("The environment is not valid:\n%1").arg(lines.join(u'\n'));
        return std::nullopt;
    }
    return loaded.value;
}

void BatchDialog::updatePreview()
{
    m_replan.stop();
    if (!m_skill) {
        m_model->setPlan({});
        m_submit->setEnabled(false);
        return;
    }
    QString problem;
    const QString text = m_targets->toPlainText();
    std::optional<QList<BatchTarget>> targets;
    if (!text.trimmed().isEmpty())
        targets = BatchTargets::parse(text, m_csv->isChecked(), m_targetParameter->currentText(), &problem);
    BatchPlan::Input input;
    QString environmentProblem;
    const std::optional<EnvironmentProfile> profile = environment(&environmentProblem);
    if (profile)
        input.base.environment = profile->name;
    input.shared = m_shared->values();
    input.targets = targets.value_or(QList<BatchTarget> {});
    input.baseFolder = m_targetsFolder;
    input.targetsFolder = m_targetsFolder;
    m_model->setPlan(BatchPlan::make(*m_skill, input));
    const BatchPlan &plan = m_model->plan();
    const int total = int(plan.tasks().size());
    m_verdicts->setText(total == 0
                            ? tr("No targets yet: paste one a line, or load a CSV file.")
                            : tr("%n task(s): %1 bounded, %2 partially bounded, %3 unbounded", nullptr, total)
                                  .arg(plan.count(LintVerdict::Bounded))
                                  .arg(plan.count(LintVerdict::PartiallyBounded))
                                  .arg(plan.count(LintVerdict::Unbounded)));
    QString blocker;
    if (targets.has_value() || text.trimmed().isEmpty())
        blocker = environmentProblem;
    else
        blocker = tr("The targets cannot be read: line%1.").arg(problem);
    if (const PlannedTask *failed = plan.firstFailure(); failed && blocker.isEmpty())
        blocker = tr("Line %1 makes no task: %2.").arg(failed->line).arg(failed->error);
    if (blocker.isEmpty() && !text.trimmed().isEmpty()) {
        m_message->hide();
    } else if (!blocker.isEmpty() && !text.trimmed().isEmpty()) {
        m_message->showError(blocker);
        m_message->show();
    }
    m_submit->setEnabled(!m_submitting && total > 0 && blocker.isEmpty());
    m_submit->setText(total > 0 ? tr("&Submit %n run(s)", nullptr, total) : tr("&Submit batch"));
}

EngineSession *BatchDialog::session() const
{
    return m_hub->engine(m_engines->currentText());
}

void BatchDialog::submit()
{
    updatePreview();
    if (!m_submit->isEnabled() || !m_skill)
        return;
    if (const QString missing = m_shared->validate(); !missing.isEmpty()) {
        // The plan would have said which line lacks what; this says which field.
        m_message->showError(missing);
        m_message->show();
        return;
    }
    QString problem;
    const std::optional<EnvironmentProfile> profile = environment(&problem);
    EngineSession *engine = session();
    if (!profile || !engine || !engine->isConnected()) {
        m_message->showError(profile ? tr("Not connected to an engine; the batch was not sent.") : problem);
        m_message->show();
        return;
    }
    const QString batchId = newBatchId();
    QList<QJsonObject> requests;
    const QJsonObject environmentJson = profile->toJson();
    const QJsonObject skillJson = m_skill->toJson();
    for (const TaskSpec &task : m_model->plan().madeTasks()) {
        QJsonObject params { { u"task"_s, task.toJson() },
                             { u"environment"_s, environmentJson },
                             { u"skill"_s, skillJson },
                             { u"batch_id"_s, batchId } };
        if (m_budget->value() > 0)
            params.insert(u"batch_budget_usd"_s, m_budget->value());
        requests.append(params);
    }
    m_submitting = true;
    m_submit->setEnabled(false);
    m_message->showInformation(tr("Submitting %n run(s)…", nullptr, int(requests.size())));
    m_message->show();
    submitAll(QPointer<BatchDialog>(this), QPointer<EngineSession>(engine), requests, batchId);
}

QCoro::Task<void> BatchDialog::submitAll(QPointer<BatchDialog> self, QPointer<EngineSession> session,
                                         QList<QJsonObject> requests, QString batchId)
{
    QStringList ids;
    const QString method = u"runs.submit"_s;
    const QString engineName = session ? session->name() : QString();
    for (const QJsonObject &params : std::as_const(requests)) {
        if (!session || !self)
            co_return;
        const rpc::RpcOutcome outcome = co_await session->call(method, params, submitTimeout);
        if (!self)
            co_return;
        if (outcome.error) {
            self->submitted(engineName, batchId, ids, outcome.error->message);
            co_return;
        }
        const QJsonArray runIds = outcome.result.toObject().value("run_ids"_L1).toArray();
        for (const QJsonValue &id : runIds)
            ids.append(id.toString());
    }
    if (self)
        self->submitted(engineName, batchId, ids, {});
}

void BatchDialog::submitted(const QString &engine, const QString &batchId, const QStringList &runIds,
                            const QString &error)
{
    m_submitting = false;
    if (!error.isEmpty() && runIds.isEmpty()) {
        m_message->showError(tr("The batch was not sent: %1").arg(error));
        m_submit->setEnabled(true);
        return;
    }
    if (!error.isEmpty())
        m_message->showError(
            tr("Only %n run(s) were sent before the engine refused one: %1", nullptr, int(runIds.size()))
                .arg(error));
    m_view->showBatch(engine, batchId, runIds);
    m_pages->setCurrentWidget(m_view);
    setWindowTitle(tr("Batch %1").arg(batchId));
    Q_EMIT batchSubmitted(engine, batchId, runIds);
}

void BatchDialog::chooseCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load targets"), m_targetsFolder,
                                                      tr("Targets (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        loadTargetsFile(path);
}

void BatchDialog::chooseEnvironment()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose the environment"), {},
                                                      tr("Environment files (*.yaml *.yml)"));
    if (!path.isEmpty())
        setEnvironmentFile(path);
}

} // namespace delegate::ui
