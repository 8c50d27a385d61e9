// SPDX-License-Identifier: GPL-3.0-or-later
#include "delegatesettings.h"

#include "domain/jsonreader.h"
#include "domain/jsonwrite.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace delegate {

const ProviderSetting *DelegateSettings::provider(const QString &name) const
{
    for (const ProviderSetting &entry : providers) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

void DelegateSettings::setProvider(const ProviderSetting &provider)
{
    for (ProviderSetting &entry : providers) {
        if (entry.name == provider.name) {
            entry = provider;
            return;
        }
    }
    providers.append(provider);
}

bool DelegateSettings::removeProvider(const QString &name)
{
    const auto removed =
        providers.removeIf([&name](const ProviderSetting &entry) { return entry.name == name; });
    if (defaultProvider == name)
        defaultProvider.clear();
    return removed > 0;
}

QJsonObject DelegateSettings::toJson() const
{
    QJsonObject json;
    if (!providers.isEmpty())
        json.insert(u"providers"_s, json::array(providers));
    if (!defaultProvider.isEmpty())
        json.insert(u"default_provider"_s, defaultProvider);
    const QJsonObject engineJson = engine.toJson();
    if (!engineJson.isEmpty())
        json.insert(u"engine"_s, engineJson);
    return json;
}

DelegateSettings DelegateSettings::read(JsonReader &reader)
{
    DelegateSettings settings;
    settings.providers = reader.list<ProviderSetting>(
        "providers"_L1, [](JsonReader &element) { return ProviderSetting::read(element); });
    QSet<QString> names;
    for (const ProviderSetting &provider : std::as_const(settings.providers)) {
        if (provider.name.isEmpty())
            continue;
        if (names.contains(provider.name))
            reader.fail("providers"_L1,
                        u"two providers are called '%1'; give each its own name"_s.arg(provider.name));
        names.insert(provider.name);
    }
    settings.defaultProvider = reader.text("default_provider"_L1);
    JsonReader engine = reader.object("engine"_L1);
    settings.engine = EngineSettings::read(engine);
    reader.finish();
    return settings;
}

} // namespace delegate
