// SPDX-License-Identifier: GPL-3.0-or-later
#include "providersetting.h"

#include "domain/jsonreader.h"
#include "domain/jsonwrite.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace delegate {

template<> std::span<const EnumName<ProviderSetting::Kind>> enumNames<ProviderSetting::Kind>()
{
    static constexpr EnumName<ProviderSetting::Kind> names[] = {
        { ProviderSetting::Kind::OpenAiCompatible, QLatin1StringView("openai-compatible") },
        { ProviderSetting::Kind::Anthropic, QLatin1StringView("anthropic") },
    };
    return names;
}

QString ProviderSetting::keyNameFor(const QString &providerName)
{
    return u"provider/%1/api-key"_s.arg(providerName);
}

llm::ProviderConfig ProviderSetting::toConfig(const QString &apiKey) const
{
    llm::ProviderConfig config;
    config.name = name;
    config.dialect = kind == Kind::Anthropic ? llm::Dialect::AnthropicMessages : llm::Dialect::OpenAiChat;
    config.baseUrl = baseUrl.isEmpty() ? defaultBaseUrl(kind) : baseUrl;
    config.apiKey = apiKey;
    return config;
}

QUrl ProviderSetting::defaultBaseUrl(Kind kind)
{
    return kind == Kind::Anthropic ? QUrl(u"https://api.anthropic.com"_s)
                                   : QUrl(u"https://api.openai.com/v1"_s);
}

QString ProviderSetting::checkName(const QString &name)
{
    static const QRegularExpression valid(u"^[a-z0-9][a-z0-9._-]{0,63}$"_s);
    if (name.isEmpty())
        return u"a provider needs a name, such as openai or local-ollama"_s;
    if (!valid.match(name).hasMatch())
        return u"'%1' cannot name a provider: use lower-case letters, digits, '.', '-' and '_' (at most 64), "
               "starting with a letter or digit, such as local-ollama"_s.arg(name);
    return {};
}

QJsonObject ProviderSetting::toJson() const
{
    QJsonObject json { { u"name"_s, name }, { u"kind"_s, enumToString(kind) } };
    if (!baseUrl.isEmpty())
        json.insert(u"base_url"_s, baseUrl.toString());
    if (!models.isEmpty())
        json.insert(u"models"_s, json::array(models));
    return json;
}

ProviderSetting ProviderSetting::read(JsonReader &reader)
{
    ProviderSetting setting;
    setting.name = reader.text("name"_L1, JsonReader::Need::Required);
    if (const QString problem = checkName(setting.name); !setting.name.isEmpty() && !problem.isEmpty())
        reader.fail("name"_L1, problem);
    setting.kind =
        reader.enumeration<Kind>("kind"_L1, JsonReader::Need::Required).value_or(Kind::OpenAiCompatible);
    const QString url = reader.text("base_url"_L1);
    if (!url.isEmpty()) {
        setting.baseUrl = QUrl(url, QUrl::StrictMode);
        const QString scheme = setting.baseUrl.scheme();
        if (!setting.baseUrl.isValid() || (scheme != "http"_L1 && scheme != "https"_L1)
            || setting.baseUrl.host().isEmpty())
            reader.fail(
                "base_url"_L1,
                u"'%1' is not an http or https address, such as http://127.0.0.1:11434/v1"_s.arg(url));
    }
    setting.models = reader.textList("models"_L1);
    reader.finish();
    return setting;
}

} // namespace delegate
