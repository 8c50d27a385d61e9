// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineoptions.h"

#include "store/eventstore.h"
#include "store/storedatabase.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace delegate {

EngineOptions EngineOptions::fromEnvironment(const QProcessEnvironment &environment)
{
    EngineOptions options;
    if (environment.contains(u"OPENAI_API_KEY"_s) || environment.contains(u"OPENAI_BASE_URL"_s)) {
        options.providers.insert(
            u"openai"_s,
            { llm::ProviderConfig::fromEnvironment(llm::Dialect::OpenAiChat, environment),
              environment.value(u"OPENAI_MODEL"_s) });
    }
    if (environment.contains(u"ANTHROPIC_API_KEY"_s) || environment.contains(u"ANTHROPIC_BASE_URL"_s)) {
        options.providers.insert(
            u"anthropic"_s,
            { llm::ProviderConfig::fromEnvironment(llm::Dialect::AnthropicMessages, environment),
              environment.value(u"ANTHROPIC_MODEL"_s) });
    }
    // Where actions send things, for GitHub Enterprise, a proxy or a test receiver.
    if (const QString url = environment.value(u"DELEGATE_GITHUB_API_URL"_s); !url.isEmpty())
        options.actions.gitHubApiUrl = QUrl(url);
    if (const QString url = environment.value(u"DELEGATE_LINEAR_API_URL"_s); !url.isEmpty())
        options.actions.linearApiUrl = QUrl(url);
    options.defaultProvider = environment.value(u"DELEGATE_PROVIDER"_s);
    if (options.defaultProvider.isEmpty() && !options.providers.isEmpty())
        options.defaultProvider = options.providers.contains(u"openai"_s) ? u"openai"_s : u"anthropic"_s;
    return options;
}

void EngineOptions::applySettings(const DelegateSettings &settings, const QHash<QString, QString> &apiKeys)
{
    for (const ProviderSetting &provider : settings.providers)
        providers.insert(provider.name,
                         { provider.toConfig(apiKeys.value(provider.name)), provider.defaultModel() });
    if (!settings.defaultProvider.isEmpty())
        defaultProvider = settings.defaultProvider;
    else if (defaultProvider.isEmpty() && !settings.providers.isEmpty())
        defaultProvider = settings.providers.constFirst().name;
    if (settings.engine.maxConcurrentRuns)
        limits.maxConcurrentRuns = *settings.engine.maxConcurrentRuns;
    if (settings.engine.dailyBudgetUsd)
        limits.dailyBudgetUsd = settings.engine.dailyBudgetUsd;
    if (!settings.engine.storePath.isEmpty())
        storePath = settings.engine.storePath;
}

QString EngineOptions::resolvedStorePath() const
{
    return storePath.isEmpty() ? EventStore::defaultPath() : storePath;
}

QString EngineOptions::resolvedWorkspaceRoot() const
{
    if (!workspaceRoot.isEmpty())
        return workspaceRoot;
    // A team store lives on another machine; worktrees stay on this one,
    // where a local store would be.
    const QString store = StoreDatabase::isPostgresAddress(resolvedStorePath()) ? EventStore::defaultPath()
                                                                                : resolvedStorePath();
    return QFileInfo(store).absolutePath() + u"/workspaces"_s;
}

} // namespace delegate
