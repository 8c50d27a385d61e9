// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A key store held in memory, for tests that check what is kept by name; the
// system keychain is exercised by the secret store's own tests.

#include "settings/keystore.h"

#include <QHash>

namespace delegate::test {

class MemoryKeyStore final : public KeyStore
{
public:
    QHash<QString, QString> keys;
    QString failure; // when set, every call fails with it

    QCoro::Task<ReadResult> readKey(QString name) override
    {
        ReadResult result;
        result.error = failure;
        result.found = failure.isEmpty() && keys.contains(name);
        result.value = keys.value(name);
        co_return result;
    }
    QCoro::Task<QString> writeKey(QString name, QString value) override
    {
        if (failure.isEmpty())
            keys.insert(name, value);
        co_return failure;
    }
    QCoro::Task<QString> removeKey(QString name) override
    {
        if (failure.isEmpty())
            keys.remove(name);
        co_return failure;
    }
};

} // namespace delegate::test
