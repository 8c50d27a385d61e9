// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/llm/providerconfig.h"
#include "domain/enumnames.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrl>

namespace delegate {

class JsonReader;

// A model provider a person configured in Settings. The key itself is kept
// in the system keychain under keyName(); the settings file holds only the
// name, so it can be shared or backed up without leaking anything.
struct ProviderSetting
{
    enum class Kind { OpenAiCompatible, Anthropic };

    QString name; // what tasks write in agent.provider: "openai", "local-ollama" …
    Kind kind = Kind::OpenAiCompatible;
    QUrl baseUrl; // OpenAI-compatible ones include /v1; Anthropic's does not
    QStringList models; // the first is the default for tasks that name none

    // Where the API key lives in the keychain.
    QString keyName() const { return keyNameFor(name); }
    static QString keyNameFor(const QString &providerName);
    QString defaultModel() const { return models.value(0); }
    llm::ProviderConfig toConfig(const QString &apiKey) const;

    // The public endpoint a new entry of this kind starts with.
    static QUrl defaultBaseUrl(Kind kind);
    // Empty when the name can be used in task files; otherwise what is wrong.
    static QString checkName(const QString &name);

    QJsonObject toJson() const;
    static ProviderSetting read(JsonReader &reader);

    friend bool operator==(const ProviderSetting &, const ProviderSetting &) = default;
};

template<> std::span<const EnumName<ProviderSetting::Kind>> enumNames<ProviderSetting::Kind>();

} // namespace delegate
