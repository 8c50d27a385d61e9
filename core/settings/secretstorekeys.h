// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keystore.h"

#include <QPointer>

namespace delegate {

class SecretStore;

// Provider keys and connector tokens kept in the person's SecretStore: the
// system keychain, or the encrypted file they agreed to.
class SecretStoreKeys final : public KeyStore
{
public:
    explicit SecretStoreKeys(SecretStore *store);

    QCoro::Task<ReadResult> readKey(QString name) override;
    QCoro::Task<QString> writeKey(QString name, QString value) override;
    QCoro::Task<QString> removeKey(QString name) override;

private:
    QPointer<SecretStore> m_store;
};

} // namespace delegate
