// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecrets.h"

#include <qt6keychain/keychain.h>

#include <QCoroSignal>

#include <memory>

namespace delegate {

namespace {

// Jobs belong to the coroutine, not to an object that may go first; they are
// deleted from the event loop because their own code is still on the stack
// when `finished` is emitted.
struct JobDeleter
{
    void operator()(QKeychain::Job *job) const { job->deleteLater(); }
};
template<typename Job> using JobPointer = std::unique_ptr<Job, JobDeleter>;

const QString probeName = QStringLiteral("delegate.keychain-probe");

QString noServiceMessage(const QString &detail)
{
    return QStringLiteral(
               "no keychain service is running (%1); start one (GNOME Keyring, KWallet or KeePassXC "
               "with its Secret Service) and log in to it, or keep secrets in Delegate's encrypted "
               "file instead")
        .arg(detail);
}

// Maps a finished job onto an outcome. QtKeychain reports a missing Secret
// Service in several ways, depending on the backend that tried: no backend,
// an OtherError naming D-Bus, or "not implemented".
SecretOutcome outcomeOf(const QKeychain::Job &job, const QString &name)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return SecretOutcome::success();
    case QKeychain::EntryNotFound:
        return SecretOutcome::failure(
            SecretOutcome::Status::NotFound,
            QStringLiteral("the keychain has no value for `%1`; set one").arg(name));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretOutcome::failure(SecretOutcome::Status::NoService, noServiceMessage(job.errorString()));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretOutcome::failure(
            SecretOutcome::Status::Failed,
            QStringLiteral("the keychain refused access to `%1` (%2); unlock it and "
                           "allow Delegate, then try again")
                .arg(name, job.errorString()));
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    const QString detail = job.errorString();
    if (detail.contains(u"D-Bus", Qt::CaseInsensitive) || detail.contains(u"DBus", Qt::CaseInsensitive)
        || detail.contains(u"org.freedesktop.secrets") || detail.contains(u"ServiceUnknown")
        || detail.startsWith(u"Could not connect")) // libsecret when the session bus is not there
        return SecretOutcome::failure(SecretOutcome::Status::NoService, noServiceMessage(detail));
    return SecretOutcome::failure(SecretOutcome::Status::Failed,
                                  QStringLiteral("the keychain failed for `%1`: %2").arg(name, detail));
}

// The caller owns the job and keeps it until this returns.
QCoro::Task<SecretOutcome> finish(QKeychain::Job *raw, QString name)
{
    raw->setAutoDelete(false);
    // Never QtKeychain's plain-text QSettings fallback: a value must never
    // land in a file unencrypted.
    raw->setInsecureFallback(false);
    raw->start();
    const std::chrono::milliseconds timeout = KeychainSecrets::timeout;
    const auto finished = co_await qCoro(raw, &QKeychain::Job::finished, timeout);
    if (!finished) {
        const QString detail =
            QStringLiteral("it did not answer within %1 s").arg(KeychainSecrets::timeout.count());
        co_return SecretOutcome::failure(SecretOutcome::Status::NoService, noServiceMessage(detail));
    }
    co_return outcomeOf(*raw, name);
}

} // namespace

KeychainSecrets::KeychainSecrets(QString service)
    : m_service(std::move(service))
{ }

QCoro::Task<SecretOutcome> KeychainSecrets::read(QString name) const
{
    JobPointer<QKeychain::ReadPasswordJob> job(new QKeychain::ReadPasswordJob(m_service));
    job->setKey(name);
    QKeychain::ReadPasswordJob *raw = job.get();
    SecretOutcome outcome = co_await finish(raw, name);
    if (outcome.ok())
        outcome.value = raw->textData();
    co_return outcome;
}

QCoro::Task<SecretOutcome> KeychainSecrets::write(QString name, QString value) const
{
    JobPointer<QKeychain::WritePasswordJob> job(new QKeychain::WritePasswordJob(m_service));
    job->setKey(name);
    job->setTextData(value);
    QKeychain::Job *raw = job.get();
    co_return co_await finish(raw, name);
}

QCoro::Task<SecretOutcome> KeychainSecrets::remove(QString name) const
{
    JobPointer<QKeychain::DeletePasswordJob> job(new QKeychain::DeletePasswordJob(m_service));
    job->setKey(name);
    QKeychain::Job *raw = job.get();
    SecretOutcome outcome = co_await finish(raw, name);
    // Removing what is not there leaves the keychain as asked.
    if (outcome.status == SecretOutcome::Status::NotFound)
        co_return SecretOutcome::success();
    co_return outcome;
}

QCoro::Task<SecretOutcome> KeychainSecrets::probe() const
{
    // Reading a name nobody stores answers "not found" from a working
    // keychain and an error from a missing one, without writing anything.
    const SecretOutcome outcome = co_await read(probeName);
    switch (outcome.status) {
    case SecretOutcome::Status::Ok:
    case SecretOutcome::Status::NotFound:
        co_return SecretOutcome::success();
    case SecretOutcome::Status::NoService:
        co_return outcome;
    case SecretOutcome::Status::Failed:
        break;
    }
    // Any other failure ("Could not connect: No such file or directory"
    // from libsecret without a session bus) means no usable keychain either.
    const QString detail = outcome.message;
    co_return SecretOutcome::failure(SecretOutcome::Status::NoService, noServiceMessage(detail));
}

} // namespace delegate
