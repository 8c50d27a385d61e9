// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstore.h"

#include <QCoroFuture>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace delegate {

SecretStore::SecretStore(QString fallbackPath, QString service, QObject *parent)
    : QObject(parent)
    , m_keychain(std::move(service))
    , m_fallbackPath(std::move(fallbackPath))
{ }

QCoro::Task<SecretStore::Backend> SecretStore::detect()
{
    QPointer<SecretStore> self(this);
    const KeychainSecrets keychain = m_keychain;
    const SecretOutcome probed = co_await keychain.probe();
    if (!self)
        co_return Backend::Unknown;
    m_keychainProblem = probed.ok() ? QString() : probed.message;
    if (probed.ok())
        setBackend(Backend::Keychain);
    else
        setBackend(m_fallback ? Backend::EncryptedFile : Backend::None);
    co_return m_backend;
}

bool SecretStore::fallbackExists() const
{
    return QFileInfo::exists(m_fallbackPath);
}

QCoro::Task<SecretOutcome> SecretStore::enableFallback(QString passphrase)
{
    return openFallback(std::move(passphrase), true);
}

QCoro::Task<SecretOutcome> SecretStore::unlockFallback(QString passphrase)
{
    return openFallback(std::move(passphrase), false);
}

QCoro::Task<SecretOutcome> SecretStore::openFallback(QString passphrase, bool create)
{
    QPointer<SecretStore> self(this);
    const QString path = m_fallbackPath;
    // scrypt takes a tenth of a second and 32 MiB on purpose: not on the GUI thread.
    QFuture<EncryptedSecretFile::Result> opening = QtConcurrent::run([path, passphrase, create] {
        return create ? EncryptedSecretFile::create(path, passphrase)
                      : EncryptedSecretFile::open(path, passphrase);
    });
    EncryptedSecretFile::Result opened = co_await opening;
    if (!self)
        co_return SecretOutcome::failure(SecretOutcome::Status::Failed,
                                         QStringLiteral("the secret store was closed"));
    if (!opened.ok())
        co_return SecretOutcome::failure(SecretOutcome::Status::Failed, opened.message);
    m_fallback = std::move(opened.file);
    if (m_backend != Backend::Keychain)
        setBackend(Backend::EncryptedFile);
    co_return SecretOutcome::success();
}

void SecretStore::lockFallback()
{
    m_fallback.reset();
    if (m_backend == Backend::EncryptedFile)
        setBackend(Backend::None);
}

QCoro::Task<SecretOutcome> SecretStore::read(QString name)
{
    if (m_backend == Backend::Keychain) {
        const KeychainSecrets keychain = m_keychain;
        co_return co_await keychain.read(name);
    }
    if (m_backend == Backend::EncryptedFile && m_fallback) {
        if (const std::optional<QString> value = m_fallback->value(name))
            co_return SecretOutcome::success(*value);
        co_return SecretOutcome::failure(
            SecretOutcome::Status::NotFound,
            QStringLiteral("the encrypted file has no value for `%1`; set one").arg(name));
    }
    co_return unavailable();
}

QCoro::Task<SecretOutcome> SecretStore::write(QString name, QString value)
{
    QPointer<SecretStore> self(this);
    SecretOutcome outcome = unavailable();
    if (m_backend == Backend::Keychain) {
        const KeychainSecrets keychain = m_keychain;
        outcome = co_await keychain.write(name, value);
    } else if (m_backend == Backend::EncryptedFile && m_fallback) {
        QString error;
        outcome = m_fallback->setValue(name, value, &error)
            ? SecretOutcome::success()
            : SecretOutcome::failure(SecretOutcome::Status::Failed, error);
    }
    if (self && outcome.ok())
        Q_EMIT secretChanged(name);
    co_return outcome;
}

QCoro::Task<SecretOutcome> SecretStore::remove(QString name)
{
    QPointer<SecretStore> self(this);
    SecretOutcome outcome = unavailable();
    if (m_backend == Backend::Keychain) {
        const KeychainSecrets keychain = m_keychain;
        outcome = co_await keychain.remove(name);
    } else if (m_backend == Backend::EncryptedFile && m_fallback) {
        QString error;
        outcome = m_fallback->removeValue(name, &error)
            ? SecretOutcome::success()
            : SecretOutcome::failure(SecretOutcome::Status::Failed, error);
    }
    if (self && outcome.ok())
        Q_EMIT secretChanged(name);
    co_return outcome;
}

void SecretStore::setBackend(Backend backend)
{
    if (m_backend == backend)
        return;
    m_backend = backend;
    Q_EMIT backendChanged(backend);
}

SecretOutcome SecretStore::unavailable() const
{
    switch (m_backend) {
    case Backend::Unknown:
        return SecretOutcome::failure(SecretOutcome::Status::NoService,
                                      QStringLiteral("the secret store has not looked for a keychain yet"));
    case Backend::None:
        if (fallbackExists())
            return SecretOutcome::failure(
                SecretOutcome::Status::NoService,
                QStringLiteral("%1; unlock the encrypted file %2 with its passphrase")
                    .arg(m_keychainProblem, m_fallbackPath));
        return SecretOutcome::failure(SecretOutcome::Status::NoService, m_keychainProblem);
    case Backend::Keychain:
    case Backend::EncryptedFile:
        break;
    }
    return SecretOutcome::failure(SecretOutcome::Status::NoService,
                                  QStringLiteral("the encrypted file is locked"));
}

} // namespace delegate
