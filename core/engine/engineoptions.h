// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/llm/pricetable.h"
#include "agents/llm/providerconfig.h"
#include "engine/actions/actionsettings.h"
#include "sandbox/localsandbox.h"
#include "sandbox/sshsandbox.h"
#include "schedulerlimits.h"
#include "settings/delegatesettings.h"

#include <QHash>
#include <QMap>
#include <QProcessEnvironment>
#include <QStringList>

#include <chrono>
#include <memory>

namespace delegate {

class SecretProvider;

// A model provider the built-in agent can use.
struct ProviderEntry
{
    llm::ProviderConfig config;
    QString defaultModel; // for tasks that name no model
};

// Everything an engine is started with. The daemon fills it from its command
// line and environment; tests fill it by hand.
struct EngineOptions
{
    QString storePath; // empty: EventStore::defaultPath()
    QString workspaceRoot; // empty: "workspaces" beside the store
    SchedulerLimits limits;
    // By the name tasks use in agent.provider: "openai", "anthropic", …
    QMap<QString, ProviderEntry> providers;
    QString defaultProvider; // for built-in tasks that name none
    llm::PriceTable prices;
    // Host directories searched first for an environment's tools.
    QStringList toolDirs;
    // Where tools are searched after toolDirs; empty: the engine's PATH.
    QStringList toolSearchPath;
    // The values of environments' named secrets; empty: the engine's own
    // process environment.
    std::shared_ptr<const SecretProvider> secrets;
    LocalSandboxOptions sandbox;
    // For the hosts of SSH environments' pools: connection timeouts, where
    // sessions live there, the uid commands run as when the login is root.
    // The host and its ssh_config come from each environment.
    SshSandboxOptions remote;
    // How often the engine checks its remote hosts' health and load.
    std::chrono::milliseconds hostCheckInterval { std::chrono::seconds(30) };
    // Where approved actions send things (GitHub, Linear, …) and their timeouts.
    ActionSettings actions;
    std::chrono::milliseconds fetchTimeout { std::chrono::minutes(2) };

    // Providers from the conventional variables: "openai" when OPENAI_API_KEY
    // or OPENAI_BASE_URL is set (OPENAI_MODEL names its default model),
    // "anthropic" when ANTHROPIC_API_KEY or ANTHROPIC_BASE_URL is
    // (ANTHROPIC_MODEL). DELEGATE_PROVIDER picks the default; otherwise it is
    // openai when configured, else anthropic. DELEGATE_GITHUB_API_URL and
    // DELEGATE_LINEAR_API_URL replace the services' public addresses.
    static EngineOptions
    fromEnvironment(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // What the Settings page saved: its providers join those from the
    // environment (an entry of the same name replaces the environment's),
    // with their keys by provider name; its default provider, store and
    // limits replace these options' when set.
    void applySettings(const DelegateSettings &settings, const QHash<QString, QString> &apiKeys);

    QString resolvedStorePath() const;
    QString resolvedWorkspaceRoot() const;
};

} // namespace delegate
