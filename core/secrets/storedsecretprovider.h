// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "keychainsecrets.h"
#include "policy/environmentsecretprovider.h"
#include "policy/secretprovider.h"

#include <QHash>

#include <memory>

namespace delegate {

// The engine's secrets: the value a person set in the system keychain
// (service "Delegate", one entry per name), else the variable of the same
// name in the engine's own environment. So `delegated` running as the user
// uses what the GUI stored, and a daemon without a keychain can still be
// given values by its service manager.
//
// Keychain reads are asynchronous; prefetch() reads the names a sandbox or
// an action is about to need, and value() answers from what it read.
class StoredSecretProvider final : public SecretProvider
{
public:
    explicit StoredSecretProvider(KeychainSecrets keychain = KeychainSecrets(),
                                  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    QCoro::Task<> prefetch(QStringList names) const override;
    std::optional<QString> value(const QString &name) const override;
    QString howToSet(const QString &name) const override;

private:
    KeychainSecrets m_keychain;
    EnvironmentSecretProvider m_environment;
    // Shared with running prefetches, so one that ends after the provider
    // went writes into memory that still exists.
    std::shared_ptr<QHash<QString, QString>> m_fetched = std::make_shared<QHash<QString, QString>>();
};

} // namespace delegate
