// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keystore.h"
#include "providersetting.h"

#include <QHash>
#include <QStringList>

namespace delegate {

// The API keys of the configured providers, read from the key store, by
// provider name. A provider whose key is absent gets none (a local server
// such as Ollama needs none); a keychain that fails is reported, not fatal.
struct ProviderKeys
{
    QHash<QString, QString> keys;
    QStringList problems;

    static QCoro::Task<ProviderKeys> read(KeyStore *store, QList<ProviderSetting> providers);
};

} // namespace delegate
