// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fielderror.h"
#include "jsonreader.h"
#include "loadresult.h"
#include "sourceerror.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <algorithm>

namespace YAML {
class Node;
}

namespace delegate {

// A YAML file a person wrote, turned into the JSON tree the value types read,
// with the position of every key and value kept aside. Reading a value type
// from it therefore shares all validation with JSON, while every error still
// names the file, line and column where the fix goes.
class YamlDocument final
{
public:
    static YamlDocument parse(const QByteArray &text, const QString &fileName);
    static YamlDocument read(const QString &path);

    const QString &fileName() const { return m_fileName; }
    // Syntax errors (with yaml-cpp's position) and a top level that is not a mapping.
    const SourceErrors &errors() const { return m_errors; }
    const QJsonObject &root() const { return m_root; }

    // Reads a value type with T::read, rejecting unknown keys. The errors come
    // sorted by position.
    // Keys in `supplied` come from elsewhere (a SKILL.md's frontmatter, say)
    // and are read as if the document had them.
    template<typename T> LoadResult<T> load(const QJsonObject &supplied = {}) const
    {
        LoadResult<T> result;
        result.errors = m_errors;
        if (!result.errors.isEmpty())
            return result;
        QJsonObject root = m_root;
        for (auto it = supplied.constBegin(); it != supplied.constEnd(); ++it)
            root.insert(it.key(), it.value());
        FieldErrors found;
        JsonReader reader(root, &found, JsonReader::UnknownKeys::Reject, scalarText());
        T value = T::read(reader);
        for (const FieldError &error : std::as_const(found))
            result.errors.append(locate(error));
        std::stable_sort(result.errors.begin(), result.errors.end(), [](const auto &a, const auto &b) {
            return std::pair(a.line, a.column) < std::pair(b.line, b.column);
        });
        if (result.errors.isEmpty())
            result.value = std::move(value);
        return result;
    }

    // Places a field error at the key or value it is about, or at the nearest
    // enclosing one for a missing field.
    SourceError locate(const FieldError &error) const;
    JsonReader::ScalarText scalarText() const;

    // How YAML 1.2's core schema reads an unquoted scalar: null, a boolean, a
    // number, or (anything else) text.
    static QJsonValue resolvePlainScalar(const QString &text);

private:
    struct Position
    {
        int line = 0;
        int column = 0;
    };

    explicit YamlDocument(QString fileName);
    void fail(Position position, const QString &message);
    QJsonValue convert(const YAML::Node &node, const QString &path);
    std::optional<Position> positionOf(QString path, FieldError::Kind kind) const;

    QString m_fileName;
    QJsonObject m_root;
    SourceErrors m_errors;
    QHash<QString, Position> m_keyPositions;
    QHash<QString, Position> m_valuePositions;
    QHash<QString, QString> m_scalarTexts; // source text of scalars that resolved to non-text
};

} // namespace delegate
