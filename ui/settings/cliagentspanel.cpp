// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliagentspanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

CliAgentsPanel::CliAgentsPanel(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTreeWidget(this))
    , m_detect(new QPushButton(tr("&Detect again"), this))
{
    m_table->setObjectName(u"cliAgents"_s);
    m_detect->setObjectName(u"detectCliAgents"_s);
    m_table->setRootIsDecorated(false);
    m_table->setWordWrap(true);
    m_table->setHeaderLabels(
        { tr("Agent"), tr("Installed"), tr("Version"), tr("Can log in"), tr("Next step") });
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setStretchLastSection(true);
    auto *intro =
        new QLabel(tr("CLI agents run inside the sandbox on tasks whose agent.runtime names them. The "
                      "engine finds them on its PATH; each needs its own key or login."),
                   this);
    intro->setWordWrap(true);
    connect(m_detect, &QPushButton::clicked, this, &CliAgentsPanel::detect);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_detect, 0, Qt::AlignLeft);
    detect();
}

void CliAgentsPanel::detect()
{
    const quint64 generation = ++m_generation;
    m_detect->setEnabled(false);
    m_table->clear();
    auto *pending = new QTreeWidgetItem(m_table, { tr("Looking for claude, codex and gemini…") });
    pending->setFirstColumnSpanned(true);
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const std::chrono::milliseconds timeout = std::chrono::seconds(10);
    QCoro::connect(
        CliAgentDetector::detectAll(environment, timeout), this,
        [this, generation](const QList<CliAgentStatus> &agents) {
            if (generation != m_generation)
                return;
            m_agents = agents;
            m_table->clear();
            for (const CliAgentStatus &agent : agents) {
                QString next;
                if (!agent.found())
                    next = tr("Install: %1").arg(agent.profile.installHint);
                else if (!agent.problem.isEmpty())
                    next = agent.problem;
                else if (!agent.canAuthenticate())
                    next = tr("Set %1, or run '%2' once to log in.")
                               .arg(agent.profile.credentialVariables.join(tr(" or ")),
                                    agent.profile.executable);
                else
                    next = tr("Ready: agent.runtime: %1").arg(enumToString(agent.profile.runtime));
                auto *item = new QTreeWidgetItem(
                    m_table,
                    { agent.profile.displayName, agent.found() ? tr("yes") : tr("no"), agent.version,
                      agent.found() ? (agent.canAuthenticate() ? tr("yes") : tr("no")) : QString(), next });
                item->setToolTip(0, agent.path);
                item->setToolTip(3, agent.credentials);
                item->setToolTip(4, agent.summary());
            }
            m_detect->setEnabled(true);
            Q_EMIT detected();
        });
}

} // namespace delegate::ui
