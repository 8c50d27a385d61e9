// SPDX-License-Identifier: GPL-3.0-or-later
#include "storedsecretprovider.h"

namespace delegate {

StoredSecretProvider::StoredSecretProvider(KeychainSecrets keychain, QProcessEnvironment environment)
    : m_keychain(std::move(keychain))
    , m_environment(std::move(environment))
{ }

QCoro::Task<> StoredSecretProvider::prefetch(QStringList names) const
{
    const KeychainSecrets keychain = m_keychain;
    const std::shared_ptr<QHash<QString, QString>> fetched = m_fetched;
    for (const QString &name : std::as_const(names)) {
        // Read every time: a value changed in the keychain since the last
        // run is the one the next run gets.
        const QString key = name;
        const SecretOutcome outcome = co_await keychain.read(key);
        if (outcome.ok() && !outcome.value.isEmpty())
            fetched->insert(key, outcome.value);
        else
            fetched->remove(key);
        // No keychain: no point asking again for each remaining name.
        if (outcome.status == SecretOutcome::Status::NoService)
            break;
    }
}

std::optional<QString> StoredSecretProvider::value(const QString &name) const
{
    const auto it = m_fetched->constFind(name);
    if (it != m_fetched->constEnd())
        return *it;
    return m_environment.value(name);
}

QString StoredSecretProvider::howToSet(const QString &name) const
{
    return QStringLiteral("set its value in Delegate's Environments page (kept in the system keychain under "
                          "\"%1\"), or set the variable %2 in the engine's environment and restart it")
        .arg(m_keychain.service(), name);
}

} // namespace delegate
