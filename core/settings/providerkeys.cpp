// SPDX-License-Identifier: GPL-3.0-or-later
#include "providerkeys.h"

using namespace Qt::StringLiterals;

namespace delegate {

QCoro::Task<ProviderKeys> ProviderKeys::read(KeyStore *store, QList<ProviderSetting> providers)
{
    ProviderKeys result;
    if (!store)
        co_return result;
    for (const ProviderSetting &provider : std::as_const(providers)) {
        const QString name = provider.keyName();
        const KeyStore::ReadResult read = co_await store->readKey(name);
        if (!read.error.isEmpty())
            result.problems.append(
                u"The key of provider '%1' could not be read: %2"_s.arg(provider.name, read.error));
        else if (read.found)
            result.keys.insert(provider.name, read.value);
    }
    co_return result;
}

} // namespace delegate
