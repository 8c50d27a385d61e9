// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "encryptedsecretfile.h"
#include "keychainsecrets.h"
#include "secretoutcome.h"

#include <QCoroTask>
#include <QObject>

#include <optional>

namespace delegate {

// Where a person's secret values are kept: the system keychain when one
// runs; otherwise, and only after the person agreed and chose a passphrase,
// an encrypted file (EncryptedSecretFile). Nothing else ever holds a value:
// not the database, not an environment file, not QSettings, not a log.
//
// detect() must be awaited first; until then the store knows no backend.
// Every call is asynchronous: keychain jobs run over D-Bus, and the
// passphrase's key derivation runs on a worker thread.
class SecretStore final : public QObject
{
    Q_OBJECT

public:
    enum class Backend {
        Unknown, // detect() has not answered yet
        Keychain,
        EncryptedFile, // no keychain; the person's encrypted file, unlocked
        None, // no keychain, and no unlocked encrypted file
    };
    Q_ENUM(Backend)

    explicit SecretStore(QString fallbackPath = EncryptedSecretFile::defaultPath(),
                         QString service = QString(KeychainSecrets::defaultService),
                         QObject *parent = nullptr);

    // Asks the keychain whether it runs.
    QCoro::Task<Backend> detect();

    Backend backend() const { return m_backend; }
    // Why no keychain is used, as a sentence for the person: empty with a keychain.
    const QString &keychainProblem() const { return m_keychainProblem; }

    const QString &fallbackPath() const { return m_fallbackPath; }
    bool fallbackExists() const;
    bool fallbackUnlocked() const { return m_fallback.has_value(); }

    // The person's consent to the encrypted file: creates it with the passphrase.
    QCoro::Task<SecretOutcome> enableFallback(QString passphrase);
    QCoro::Task<SecretOutcome> unlockFallback(QString passphrase);
    // Forgets the key; the file stays.
    void lockFallback();

    QCoro::Task<SecretOutcome> read(QString name);
    QCoro::Task<SecretOutcome> write(QString name, QString value);
    QCoro::Task<SecretOutcome> remove(QString name);

Q_SIGNALS:
    void backendChanged(delegate::SecretStore::Backend backend);
    // A value was written or removed; never carries the value.
    void secretChanged(const QString &name);

private:
    QCoro::Task<SecretOutcome> openFallback(QString passphrase, bool create);
    void setBackend(Backend backend);
    SecretOutcome unavailable() const;

    KeychainSecrets m_keychain;
    QString m_fallbackPath;
    std::optional<EncryptedSecretFile> m_fallback;
    Backend m_backend = Backend::Unknown;
    QString m_keychainProblem;
};

} // namespace delegate
