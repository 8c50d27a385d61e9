// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace delegate {

// Writes a JSON tree as the YAML a person would write: block style, keys in a
// natural order, empty fields left out, multi-line text as literal blocks, and
// quotes only where YAML would otherwise read the text as something else.
// Reading the output with YamlDocument gives back the same tree (minus the
// empty fields).
class YamlWriter final
{
public:
    // The order of keys per mapping, by the key that holds the mapping ("" for
    // the top level; a list's key for its elements). Other keys follow sorted.
    explicit YamlWriter(QHash<QString, QStringList> keyOrder = {});

    QByteArray write(const QJsonObject &root) const;

private:
    void writeMapping(QString &out, const QJsonObject &object, const QString &name, int indent) const;
    void writeSequence(QString &out, const QJsonArray &array, const QString &name, int indent) const;
    // Writes what follows "key:" or "-": a scalar on the same line, or a
    // nested block on the next lines.
    void writeValue(QString &out, const QJsonValue &value, const QString &name, int indent) const;
    QStringList orderedKeys(const QJsonObject &object, const QString &name) const;

    QHash<QString, QStringList> m_keyOrder;
};

} // namespace delegate
