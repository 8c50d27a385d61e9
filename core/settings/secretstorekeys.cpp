// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstorekeys.h"

#include "secrets/secretstore.h"

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString gone()
{
    return u"the secret store was closed"_s;
}

} // namespace

SecretStoreKeys::SecretStoreKeys(SecretStore *store)
    : m_store(store)
{ }

QCoro::Task<KeyStore::ReadResult> SecretStoreKeys::readKey(QString name)
{
    ReadResult result;
    if (!m_store) {
        result.error = gone();
        co_return result;
    }
    const SecretOutcome outcome = co_await m_store->read(name);
    result.found = outcome.ok();
    result.value = outcome.value;
    if (outcome.status != SecretOutcome::Status::Ok && outcome.status != SecretOutcome::Status::NotFound)
        result.error = outcome.message;
    co_return result;
}

QCoro::Task<QString> SecretStoreKeys::writeKey(QString name, QString value)
{
    if (!m_store)
        co_return gone();
    const SecretOutcome outcome = co_await m_store->write(name, value);
    co_return outcome.ok() ? QString() : outcome.message;
}

QCoro::Task<QString> SecretStoreKeys::removeKey(QString name)
{
    if (!m_store)
        co_return gone();
    const SecretOutcome outcome = co_await m_store->remove(name);
    co_return outcome.ok() || outcome.status == SecretOutcome::Status::NotFound ? QString() : outcome.message;
}

} // namespace delegate
