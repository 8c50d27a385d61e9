// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/secretsource.h"

#include <QMap>

namespace delegate {

// Secrets held in memory, for tests and for callers that already hold the
// values (a one-off delegatectl command).
class MemorySecretSource final : public SecretSource
{
public:
    MemorySecretSource() = default;
    explicit MemorySecretSource(QMap<QString, QString> values);

    void set(const QString &name, const QString &value) { m_values.insert(name, value); }
    void remove(const QString &name) { m_values.remove(name); }

    std::optional<QString> value(const QString &name) const override;
    QString howToSet(const QString &name) const override;

private:
    QMap<QString, QString> m_values;
};

} // namespace delegate
