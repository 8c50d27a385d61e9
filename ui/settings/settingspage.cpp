// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingspage.h"

#include "cliagentspanel.h"
#include "connectorspanel.h"
#include "enginepanel.h"
#include "providerspanel.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

SettingsPage::SettingsPage(EngineHub *hub, KeyStore *keys, const QString &settingsPath, QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_providers(new ProvidersPanel(keys, settingsPath, this))
    , m_cliAgents(new CliAgentsPanel(this))
    , m_engine(new EnginePanel(hub, settingsPath, this))
    , m_connectors(new ConnectorsPanel(keys, this))
{
    setObjectName(u"settingsPage"_s);
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_providers, tr("&Providers"));
    m_tabs->addTab(m_cliAgents, tr("&CLI agents"));
    m_tabs->addTab(m_engine, tr("&Engine"));
    m_tabs->addTab(m_connectors, tr("C&onnectors"));
    auto *heading = new QLabel(tr("Settings"), this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    heading->setFont(font);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_tabs, 1);
}

void SettingsPage::refreshKeyStates()
{
    m_providers->reload();
    m_connectors->refresh();
}

} // namespace delegate::ui
