// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enginesettings.h"
#include "providersetting.h"

#include <QList>

namespace delegate {

// Everything the Settings page keeps in the user's settings file: the model
// providers (their keys are in the keychain) and the local engine's limits.
struct DelegateSettings
{
    QList<ProviderSetting> providers;
    QString defaultProvider; // for built-in tasks that name none; empty: the first configured
    EngineSettings engine;

    const ProviderSetting *provider(const QString &name) const;
    // Adds or replaces the entry with the same name.
    void setProvider(const ProviderSetting &provider);
    bool removeProvider(const QString &name);

    QJsonObject toJson() const;
    static DelegateSettings read(JsonReader &reader);

    friend bool operator==(const DelegateSettings &, const DelegateSettings &) = default;
};

} // namespace delegate
