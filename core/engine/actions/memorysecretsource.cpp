// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/memorysecretsource.h"

namespace delegate {

MemorySecretSource::MemorySecretSource(QMap<QString, QString> values)
    : m_values(std::move(values))
{ }

std::optional<QString> MemorySecretSource::value(const QString &name) const
{
    const auto it = m_values.constFind(name);
    if (it == m_values.constEnd() || it->isEmpty())
        return std::nullopt;
    return *it;
}

QString MemorySecretSource::howToSet(const QString &name) const
{
    return QStringLiteral("add the secret %1 to Delegate's secret store").arg(name);
}

} // namespace delegate
