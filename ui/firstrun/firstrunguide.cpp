// SPDX-License-Identifier: GPL-3.0-or-later
#include "firstrunguide.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "onboarding/demoworkspace.h"
#include "review/inlinemessage.h"
#include "settings/settingsfile.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QString errorsText(const SourceErrors &errors)
{
    QStringList lines;
    for (const SourceError &error : errors)
        lines.append(error.toString());
    return lines.join(u'\n');
}

// What the demo sends: the task (with the agent chosen), its environment
// (granting a CLI agent what it needs) and, for the playbook, its skill.
struct DemoSubmission
{
    QJsonObject params;
    QString error;
};

DemoSubmission demoSubmission(const DemoWorkspace &demo, bool withModel, const AgentSpec &agent,
                              const QList<CliAgentStatus> &cliAgents)
{
    DemoSubmission submission;
    const LoadResult<TaskSpec> task = withModel ? demo.modelTask(agent) : demo.offlineTask();
    LoadResult<EnvironmentProfile> environment = demo.environment();
    if (!task.ok() || !environment.ok()) {
        submission.error = errorsText(task.errors + environment.errors);
        return submission;
    }
    if (withModel && agent.runtime != AgentSpec::Runtime::Builtin) {
        // A CLI agent runs inside the sandbox: it needs itself, its key and
        // its provider's hosts.
        for (const CliAgentStatus &cli : cliAgents) {
            if (cli.profile.runtime != agent.runtime)
                continue;
            Capabilities &grants = environment.value->capabilities;
            grants.tools.append(cli.profile.executable);
            for (const QString &variable : cli.profile.credentialVariables)
                grants.secrets.append(variable);
            grants.network.mode = NetworkAccess::Mode::Allowlist;
            grants.network.hosts = cli.profile.providerHosts;
        }
    }
    submission.params = { { u"task"_s, task.value->toJson() },
                          { u"environment"_s, environment.value->toJson() } };
    if (!withModel) {
        const LoadResult<Skill> skill = demo.skill();
        if (!skill.ok()) {
            submission.error = errorsText(skill.errors);
            return submission;
        }
        submission.params.insert(u"skill"_s, skill.value->toJson());
    }
    return submission;
}

} // namespace

FirstRunGuide::FirstRunGuide(EngineHub *hub, QWidget *parent)
    : QDialog(parent)
    , m_hub(hub)
    , m_demoRepository(DemoWorkspace::defaultPath())
    , m_findings(new QWidget(this))
    , m_findingsLayout(new QVBoxLayout(m_findings))
    , m_summary(new QLabel(this))
    , m_offlineDemo(new QPushButton(tr("Run the &offline demo"), this))
    , m_modelDemo(new QPushButton(tr("Try the &model-driven demo"), this))
    , m_message(new InlineMessage(this))
{
    setObjectName(u"firstRunGuide"_s);
    setWindowTitle(tr("Getting started with Delegate"));
    m_findings->setObjectName(u"findings"_s);
    m_summary->setObjectName(u"surveySummary"_s);
    m_offlineDemo->setObjectName(u"runOfflineDemo"_s);
    m_modelDemo->setObjectName(u"runModelDemo"_s);
    m_message->setObjectName(u"demoMessage"_s);

    auto *heading = new QLabel(tr("Welcome to Delegate"), this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);
    auto *intro =
        new QLabel(tr("Delegate sends bounded tasks to agents that work in sandboxes, in the background, and "
                      "brings back "
                      "what they found for you to review and approve. Here is what this machine offers:"),
                   this);
    intro->setWordWrap(true);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_findings);
    scroll->setWidgetResizable(true);
    scroll->setMinimumHeight(260);
    m_findingsLayout->setSpacing(10);
    m_summary->setWordWrap(true);

    auto *demoText = new QLabel(
        tr("<b>The offline demo</b> needs no model and no account. It makes a small Python project with a "
           "test "
           "that fails now and then, runs the <i>investigate-flaky-tests</i> playbook on it twelve times in "
           "the sandbox, and brings back a report: watch it run, review the report, approve it, and let the "
           "approved action write the report into the project."),
        this);
    demoText->setWordWrap(true);
    m_offlineDemo->setDefault(true);
    m_offlineDemo->setEnabled(false);
    m_modelDemo->setEnabled(false);
    m_modelDemo->setToolTip(
        tr("Needs a model provider (Settings → Providers) or a CLI agent that can log in"));
    connect(m_offlineDemo, &QPushButton::clicked, this, &FirstRunGuide::runOfflineDemo);
    connect(m_modelDemo, &QPushButton::clicked, this, &FirstRunGuide::runModelDemo);

    auto *settings = new QPushButton(tr("Open &Settings"), this);
    settings->setObjectName(u"openSettings"_s);
    connect(settings, &QPushButton::clicked, this, [this] {
        Q_EMIT settingsRequested();
        accept();
    });
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *demoButtons = new QHBoxLayout;
    demoButtons->addWidget(m_offlineDemo);
    demoButtons->addWidget(m_modelDemo);
    demoButtons->addStretch(1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(settings);
    bottom->addStretch(1);
    bottom->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addWidget(demoText);
    layout->addLayout(demoButtons);
    layout->addWidget(m_message);
    layout->addLayout(bottom);
    resize(860, 640);
    // The engine may still be starting when the survey ends.
    if (EngineSession *local = m_hub ? m_hub->engine(u"local"_s) : nullptr)
        connect(local, &EngineSession::ready, this, [this] {
            if (m_surveyed)
                offerModelDemo();
        });
}

QStringList FirstRunGuide::findingTitles() const
{
    QStringList titles;
    for (const QLabel *label : m_findings->findChildren<QLabel *>(u"findingText"_s))
        titles.append(label->property("title").toString());
    return titles;
}

void FirstRunGuide::start()
{
    qDeleteAll(m_findings->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_findingsLayout->addWidget(new QLabel(tr("Looking at this machine…"), m_findings));
    const LoadResult<DelegateSettings> settings = SettingsFile::load();
    if (m_options.settings.providers.isEmpty() && settings.ok())
        m_options.settings = *settings.value;
    const SetupSurvey::Options options = m_options;
    QCoro::connect(SetupSurvey::run(options), this,
                   [this](const SetupSurveyResult &result) { showSurvey(result); });
}

void FirstRunGuide::showSurvey(const SetupSurveyResult &result)
{
    m_survey = result;
    m_surveyed = true;
    qDeleteAll(m_findings->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    while (m_findingsLayout->count() > 0)
        delete m_findingsLayout->takeAt(0);
    const QIcon yes = style()->standardIcon(QStyle::SP_DialogApplyButton);
    const QIcon no = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const SetupFinding &finding : result.findings) {
        auto *row = new QHBoxLayout;
        auto *icon = new QLabel(m_findings);
        icon->setPixmap((finding.found ? yes : no).pixmap(20, 20));
        icon->setAlignment(Qt::AlignTop);
        auto *text = new QLabel(m_findings);
        text->setObjectName(u"findingText"_s);
        text->setProperty("title", finding.title);
        text->setWordWrap(true);
        text->setTextFormat(Qt::RichText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        text->setText(u"<b>%1</b><br>%2<br><i>%3</i>"_s.arg(
            finding.title.toHtmlEscaped(), finding.detail.toHtmlEscaped(), finding.enables.toHtmlEscaped()));
        row->addWidget(icon);
        row->addWidget(text, 1);
        m_findingsLayout->addLayout(row);
    }
    m_findingsLayout->addStretch(1);
    if (!result.sandboxReady) {
        m_summary->setText(
            tr("<b>Runs cannot start yet:</b> the sandbox is not available. Fix that first (see "
               "above); everything else can wait."));
    } else if (!result.modelAvailable) {
        m_summary->setText(
            tr("Agents need a model: add a provider in Settings, start a local Ollama, or install "
               "a CLI agent. The offline demo works without one."));
    } else {
        m_summary->setText(tr("All set: agents can run here. Start with the demo, or compose a task."));
    }
    m_offlineDemo->setEnabled(result.sandboxReady && !m_busy);
    offerModelDemo();
    Q_EMIT surveyFinished();
}

void FirstRunGuide::offerModelDemo()
{
    // The engine's own providers decide for the built-in agent: it may have
    // keys this process does not (its environment, the settings file).
    EngineSession *local = m_hub ? m_hub->engine(u"local"_s) : nullptr;
    if (!local || !local->isConnected() || !m_survey.sandboxReady)
        return;
    const QString method = u"engine.status"_s;
    const QJsonObject noParams;
    QCoro::connect(local->call(method, noParams), this, [this](const rpc::RpcOutcome &outcome) {
        m_modelAgent = {};
        bool usable = false;
        const QJsonObject status = outcome.error ? QJsonObject() : outcome.result.toObject();
        if (!status.value("providers"_L1).toArray().isEmpty()) {
            m_modelAgent.runtime = AgentSpec::Runtime::Builtin;
            usable = true;
        } else {
            for (const CliAgentStatus &agent : std::as_const(m_survey.cliAgents)) {
                if (agent.found() && agent.problem.isEmpty() && agent.canAuthenticate()) {
                    m_modelAgent.runtime = agent.profile.runtime;
                    usable = true;
                    break;
                }
            }
        }
        m_modelDemo->setEnabled(usable && !m_busy);
        if (usable && m_survey.sandboxReady)
            m_summary->setText(
                tr("All set: agents can run here with %1. Start with a demo, or compose a task.")
                    .arg(m_modelAgent.runtime == AgentSpec::Runtime::Builtin
                             ? tr("the engine's model providers")
                             : enumToString(m_modelAgent.runtime)));
        m_modelDemo->setToolTip(
            usable
                ? tr("An agent compares the demo project's README with its code and explains the flaky test.")
                : tr("Needs a model provider (Settings → Providers) or a CLI agent that can log in"));
    });
}

void FirstRunGuide::runOfflineDemo()
{
    submitDemo(false);
}

void FirstRunGuide::runModelDemo()
{
    submitDemo(true);
}

void FirstRunGuide::submitDemo(bool withModel)
{
    if (m_busy)
        return;
    EngineSession *local = m_hub ? m_hub->engine(u"local"_s) : nullptr;
    if (!local || !local->isConnected()) {
        m_message->showError(
            tr("The local engine is not connected yet; wait for it (status bar) and try again."));
        return;
    }
    m_busy = true;
    m_offlineDemo->setEnabled(false);
    m_modelDemo->setEnabled(false);
    m_message->showInformation(tr("Preparing the demo project in %1…").arg(m_demoRepository));
    const QString engineName = local->name();
    const AgentSpec agent = m_modelAgent;
    const QPointer<EngineSession> session(local);
    auto finish = [this](const QString &error) {
        m_busy = false;
        m_offlineDemo->setEnabled(m_survey.sandboxReady);
        offerModelDemo();
        if (!error.isEmpty())
            m_message->showError(error);
    };
    const DemoWorkspace demo(m_demoRepository);
    QCoro::connect(demo.prepare(), this, [=, this](const DemoWorkspace::Prepared &prepared) {
        if (!prepared.error.isEmpty()) {
            finish(prepared.error);
            return;
        }
        const DemoSubmission submission = demoSubmission(demo, withModel, agent, m_survey.cliAgents);
        if (!submission.error.isEmpty() || !session) {
            finish(submission.error.isEmpty() ? tr("The engine went away; try again.") : submission.error);
            return;
        }
        m_message->showInformation(tr("Sending the demo task to the engine…"));
        const QString method = u"runs.submit"_s;
        QCoro::connect(session->call(method, submission.params), this,
                       [=, this](const rpc::RpcOutcome &outcome) {
                           if (outcome.error) {
                               finish(tr("The engine refused the demo: %1").arg(outcome.error->message));
                               return;
                           }
                           const QString runId =
                               outcome.result.toObject().value("run_ids"_L1).toArray().at(0).toString();
                           finish({});
                           m_message->showMessage(
                               InlineMessage::Kind::Success,
                               tr("The demo runs as %1. Watch it in the console; its report opens for review "
                                  "when it is ready.")
                                   .arg(runId));
                           Q_EMIT demoStarted(engineName, runId);
                       });
    });
}

} // namespace delegate::ui
