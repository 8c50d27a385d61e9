// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

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

    // How a person gives this provider a value for the secret, as one
    // sentence for an error message: "export NAME=… before running delegatectl".
    virtual QString howToSet(const QString &name) const = 0;
};

} // namespace delegate
