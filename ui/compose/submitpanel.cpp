// SPDX-License-Identifier: GPL-3.0-or-later
#include "submitpanel.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "review/inlinemessage.h"

#include "domain/environmentyaml.h"
#include "domain/taskfiles.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

// runs.submit writes one event per run before it answers.
constexpr std::chrono::seconds submitTimeout { 60 };

} // namespace

SubmitPanel::SubmitPanel(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_engines(new QComboBox(this))
    , m_environments(new QComboBox(this))
    , m_environmentLabel(new QLabel(this))
    , m_chooseEnvironment(new QPushButton(tr("F&ile…"), this))
    , m_submit(new QPushButton(tr("&Submit"), this))
    , m_message(new InlineMessage(this))
{
    setObjectName(u"submitPanel"_s);
    m_engines->setObjectName(u"submitEngine"_s);
    m_environments->setObjectName(u"submitEnvironmentChoice"_s);
    m_environments->setToolTip(tr("The environment profiles of the library: yours and the shipped examples"));
    m_environmentLabel->setObjectName(u"submitEnvironment"_s);
    m_environmentLabel->setWordWrap(true);
    m_environmentLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chooseEnvironment->setObjectName(u"chooseEnvironment"_s);
    m_chooseEnvironment->setToolTip(tr("Read the environment profile from another environment file (YAML)"));
    m_chooseEnvironment->setAutoDefault(false);
    m_submit->setObjectName(u"submitTask"_s);
    m_submit->setToolTip(tr("Send the task to the engine (Ctrl+Enter)"));
    m_submit->setAutoDefault(false);
    m_submit->setDefault(true); // the page's main action, drawn as such
    m_submit->setIcon(style()->standardIcon(QStyle::SP_ArrowForward, nullptr, this));

    auto *environmentRow = new QHBoxLayout;
    environmentRow->setContentsMargins(0, 0, 0, 0);
    environmentRow->addWidget(m_environments, 1);
    environmentRow->addWidget(m_chooseEnvironment);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Engine"), m_engines);
    form->addRow(tr("Environment"), environmentRow);
    form->addRow(QString(), m_environmentLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_submit);
    layout->addWidget(m_message);

    connect(m_chooseEnvironment, &QPushButton::clicked, this, &SubmitPanel::chooseEnvironmentFile);
    connect(m_submit, &QPushButton::clicked, this, &SubmitPanel::submitRequested);
    connect(m_environments, &QComboBox::activated, this,
            [this](int index) { chooseFromLibrary(m_environments->itemData(index).toString()); });
    connect(m_hub, &EngineHub::engineAdded, this, &SubmitPanel::updateEngines);
    connect(m_hub, &EngineHub::engineRemoved, this, &SubmitPanel::updateEngines);
    updateEngines();
    fillEnvironments();
    updateEnvironmentLabel();
}

void SubmitPanel::setLibrary(const EnvironmentLibrary &library)
{
    m_library = library;
    fillEnvironments();
}

// The library's names, and first the chosen profile when it came from
// elsewhere (a file, a run).
void SubmitPanel::fillEnvironments()
{
    m_environments->clear();
    const QStringList names = m_library.names();
    const bool fromLibrary = m_environment && m_library.contains(m_environment->name)
        && QFileInfo(m_library.filePath(m_environment->name)).canonicalFilePath()
            == QFileInfo(m_environmentOrigin).canonicalFilePath();
    if (!m_environment)
        m_environments->addItem(tr("(choose an environment)"), QString());
    else if (!fromLibrary)
        m_environments->addItem(
            tr("%1 (from %2)").arg(m_environment->name, QFileInfo(m_environmentOrigin).fileName()),
            QString());
    for (const QString &name : names)
        m_environments->addItem(m_library.isExample(name) ? tr("%1 (example)").arg(name) : name, name);
    if (fromLibrary)
        m_environments->setCurrentIndex(m_environments->findData(m_environment->name));
    else
        m_environments->setCurrentIndex(0);
}

bool SubmitPanel::chooseFromLibrary(const QString &name)
{
    if (name.isEmpty())
        return false;
    const LoadResult<EnvironmentProfile> loaded = m_library.load(name);
    if (!loaded.ok()) {
        QStringList lines;
        for (const SourceError &error : loaded.errors)
            lines.append(error.toString().toHtmlEscaped());
        m_message->showError(tr("The environment %1 cannot be read; fix its file or choose another:<br>%2")
                                 .arg(name.toHtmlEscaped(), lines.join(u"<br>"_s)));
        fillEnvironments();
        return false;
    }
    m_message->clear();
    setEnvironment(*loaded.value, m_library.filePath(name));
    return true;
}

QString SubmitPanel::engineName() const
{
    return m_engines->currentText();
}

void SubmitPanel::setEngineName(const QString &name)
{
    const int index = m_engines->findText(name);
    if (index >= 0)
        m_engines->setCurrentIndex(index);
}

void SubmitPanel::updateEngines()
{
    const QString current = m_engines->currentText();
    m_engines->clear();
    for (const EngineSession *session : m_hub->engines())
        m_engines->addItem(session->name());
    setEngineName(current);
}

bool SubmitPanel::loadEnvironmentFile(const QString &path)
{
    const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::load(path);
    if (!loaded.ok()) {
        QStringList lines;
        for (const SourceError &error : loaded.errors)
            lines.append(error.toString().toHtmlEscaped());
        m_message->showError(tr("%1 is not a valid environment file; fix it or choose another "
                                "(docs/tasks.md describes the format):<br>%2")
                                 .arg(path.toHtmlEscaped(), lines.join(u"<br>"_s)));
        return false;
    }
    m_message->clear();
    setEnvironment(*loaded.value, path);
    return true;
}

void SubmitPanel::setEnvironment(const EnvironmentProfile &environment, const QString &origin)
{
    m_environment = environment;
    m_environmentOrigin = origin;
    fillEnvironments();
    updateEnvironmentLabel();
    Q_EMIT environmentChanged();
}

void SubmitPanel::findEnvironmentFor(const QString &taskFile, const QString &name)
{
    if (name.isEmpty() || (m_environment && m_environment->name == name))
        return;
    if (!taskFile.isEmpty()) {
        for (const QString &candidate : TaskFiles::environmentCandidates(taskFile, name)) {
            if (QFileInfo::exists(candidate)) {
                loadEnvironmentFile(candidate);
                return;
            }
        }
    }
    if (m_library.contains(name))
        chooseFromLibrary(name);
}

void SubmitPanel::chooseEnvironmentFile()
{
    const QString start =
        QFileInfo(m_environmentOrigin).isFile() ? QFileInfo(m_environmentOrigin).path() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose an environment file"), start,
                                                      tr("Environment files (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        loadEnvironmentFile(path);
}

void SubmitPanel::updateEnvironmentLabel()
{
    // What the profile grants, in a line, so the choice is made knowingly.
    if (!m_environment) {
        m_environmentLabel->setText(tr("None chosen: pick one of the library, or read a file."));
        m_environmentLabel->setToolTip({});
        return;
    }
    const EnvironmentProfile &profile = *m_environment;
    const QString description = profile.description.isEmpty() ? tr("No description.") : profile.description;
    m_environmentLabel->setText(description);
    m_environmentLabel->setToolTip(tr("%1, from %2").arg(profile.name, m_environmentOrigin));
}

void SubmitPanel::showError(const QString &text)
{
    m_message->showError(text);
}

void SubmitPanel::submit(const TaskSpec &task, const std::optional<Skill> &skill)
{
    if (m_busy)
        return;
    EngineSession *session = m_hub->engine(engineName());
    if (!session) {
        m_message->showError(tr("No engine to send the task to: connect to one from the Engines menu."));
        return;
    }
    if (!session->isConnected()) {
        m_message->showError(
            tr("The engine %1 is not connected (%2). Reconnect with F5, or pick another engine.")
                .arg(session->name(), session->statusText()));
        return;
    }
    if (!m_environment) {
        m_message->showError(tr("Choose the environment the task runs in: a profile of the library, or an "
                                "environment file (File…)."));
        return;
    }
    QJsonObject params { { u"task"_s, task.toJson() }, { u"environment"_s, m_environment->toJson() } };
    if (skill)
        params.insert(u"skill"_s, skill->toJson());
    const QString method = u"runs.submit"_s;
    const QString engine = session->name();
    m_busy = true;
    m_submit->setEnabled(false);
    m_message->showInformation(tr("Sending the task to %1…").arg(engine));
    QCoro::connect(
        session->call(method, params, submitTimeout), this, [this, engine](const rpc::RpcOutcome &outcome) {
            m_busy = false;
            m_submit->setEnabled(true);
            if (outcome.error) {
                m_message->showError(tr("The engine did not take the task: %1 Change what it names "
                                        "and submit again; nothing was lost.")
                                         .arg(outcome.error->message));
                return;
            }
            QStringList ids;
            const QJsonArray array = outcome.result.toObject().value("run_ids"_L1).toArray();
            for (const QJsonValue &id : array)
                ids.append(id.toString());
            m_message->showMessage(InlineMessage::Kind::Success,
                                   tr("Submitted to %1 as %2.").arg(engine, ids.join(u", "_s)));
            Q_EMIT submitted(engine, ids);
        });
}

} // namespace delegate::ui
