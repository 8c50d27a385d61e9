// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QTabWidget;

namespace delegate {
class KeyStore;
}

namespace delegate::ui {

class CliAgentsPanel;
class ConnectorsPanel;
class EngineHub;
class EnginePanel;
class ProvidersPanel;

// The Settings section: model providers, CLI agents, the local engine
// (limits, budget, store, notifications) and connectors. Providers and
// limits go to the settings file (docs/settings.md) that the local engine
// reads when it starts; keys and tokens go to the keychain.
class SettingsPage final : public QWidget
{
    Q_OBJECT

public:
    SettingsPage(EngineHub *hub, KeyStore *keys, const QString &settingsPath, QWidget *parent = nullptr);

    // Asks the keychain again which keys are set (once it answered whether it runs).
    void refreshKeyStates();

    QTabWidget *tabs() const { return m_tabs; }
    ProvidersPanel *providers() const { return m_providers; }
    CliAgentsPanel *cliAgents() const { return m_cliAgents; }
    EnginePanel *engine() const { return m_engine; }
    ConnectorsPanel *connectors() const { return m_connectors; }

private:
    QTabWidget *m_tabs;
    ProvidersPanel *m_providers;
    CliAgentsPanel *m_cliAgents;
    EnginePanel *m_engine;
    ConnectorsPanel *m_connectors;
};

} // namespace delegate::ui
