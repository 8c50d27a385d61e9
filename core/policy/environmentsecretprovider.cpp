// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentsecretprovider.h"

namespace delegate {

EnvironmentSecretProvider::EnvironmentSecretProvider(QProcessEnvironment environment)
    : m_environment(std::move(environment))
{ }

std::optional<QString> EnvironmentSecretProvider::value(const QString &name) const
{
    // An empty variable is as good as none: an empty secret would match
    // nothing to redact and authenticate nothing.
    const QString value = m_environment.value(name);
    if (value.isEmpty())
        return std::nullopt;
    return value;
}

QString EnvironmentSecretProvider::howToSet(const QString &name) const
{
    return QStringLiteral("set it in the environment that runs the command, e.g. `read -rs %1 && export %1` "
                          "in the shell, then run it again")
        .arg(name);
}

} // namespace delegate
