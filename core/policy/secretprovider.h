// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoroTask>
#include <QString>
#include <QStringList>

#include <optional>

namespace delegate {

// Where the values of an environment's named secrets come from. Environment
// files carry names only; the caller that builds a sandbox policy supplies a
// provider: delegatectl reads its own process environment, the engine its
// secret store.
class SecretProvider
{
public:
    virtual ~SecretProvider() = default;

    // The value of the secret, or nothing when this provider has none.
    virtual std::optional<QString> value(const QString &name) const = 0;

    // Called before value() is asked for these names, by callers that can
    // wait: a provider whose source answers asynchronously (the system
    // keychain over D-Bus) reads them here, so value() never blocks.
    virtual QCoro::Task<> prefetch(QStringList names) const
    {
        Q_UNUSED(names);
        co_return;
    }

    // How a person gives this provider a value for the secret, as one
    // sentence for an error message: "export NAME=… before running delegatectl".
    virtual QString howToSet(const QString &name) const = 0;
};

} // namespace delegate
