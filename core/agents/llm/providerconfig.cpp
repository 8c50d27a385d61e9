// SPDX-License-Identifier: GPL-3.0-or-later
#include "providerconfig.h"

using namespace Qt::StringLiterals;

namespace delegate::llm {

QString dialectName(Dialect dialect)
{
    return dialect == Dialect::AnthropicMessages ? u"anthropic"_s : u"openai"_s;
}

QUrl ProviderConfig::endpoint() const
{
    QUrl url = baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    path += dialect == Dialect::AnthropicMessages ? u"/v1/messages"_s : u"/chat/completions"_s;
    url.setPath(path);
    return url;
}

ProviderConfig ProviderConfig::fromEnvironment(Dialect dialect, const QProcessEnvironment &environment)
{
    ProviderConfig config;
    config.dialect = dialect;
    if (dialect == Dialect::AnthropicMessages) {
        config.name = u"Anthropic"_s;
        config.baseUrl = QUrl(environment.value(u"ANTHROPIC_BASE_URL"_s, u"https://api.anthropic.com"_s));
        config.apiKey = environment.value(u"ANTHROPIC_API_KEY"_s);
    } else {
        config.name = u"OpenAI-compatible"_s;
        config.baseUrl = QUrl(environment.value(u"OPENAI_BASE_URL"_s, u"https://api.openai.com/v1"_s));
        config.apiKey = environment.value(u"OPENAI_API_KEY"_s);
    }
    return config;
}

} // namespace delegate::llm
