// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretprovider.h"

#include <QProcessEnvironment>

namespace delegate {

// Secret values from a process environment: a secret named LOGS_API_TOKEN is
// the variable LOGS_API_TOKEN. This is how `delegatectl sandbox exec` gets
// them, from the shell that started it.
class EnvironmentSecretProvider final : public SecretProvider
{
public:
    explicit EnvironmentSecretProvider(
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    std::optional<QString> value(const QString &name) const override;
    QString howToSet(const QString &name) const override;

private:
    QProcessEnvironment m_environment;
};

} // namespace delegate
