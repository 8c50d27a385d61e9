// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"
#include "fielderror.h"

#include <QAnyStringView>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace delegate {

// Reads the fields of one JSON object into a value type and records every
// problem as a FieldError with the field's path, instead of stopping at the
// first one: a person fixing a task file wants the whole list at once.
//
// YAML files are read through this class too (see YamlDocument), which is why
// it can reject unknown keys and ask for a scalar's source text.
class JsonReader final
{
public:
    enum class Need { Optional, Required };
    enum class UnknownKeys { Ignore, Reject };
    // Returns the source text of the scalar at a path, when the document has
    // one: YAML's `base_ref: 2024` is a number to a JSON tree but text to the
    // person who wrote it.
    using ScalarText = std::function<std::optional<QString>(const QString &path)>;

    // errors must outlive the reader and every reader made from it.
    JsonReader(const QJsonObject &object, FieldErrors *errors, UnknownKeys unknownKeys = UnknownKeys::Ignore,
               ScalarText scalarText = {});

    // False for an absent optional object: reading from it yields defaults.
    bool isPresent() const { return m_present; }
    const QString &path() const { return m_path; }
    // The path of a field of this object; an empty key means the object itself.
    QString pathOf(QAnyStringView key) const;
    // Whether the key has a non-null value; counts as a known key.
    bool has(QLatin1StringView key);

    QString text(QLatin1StringView key, Need need = Need::Optional);
    QStringList textList(QLatin1StringView key);
    QMap<QString, QString> textMap(QLatin1StringView key);
    std::optional<qint64> integer(QLatin1StringView key, qint64 minimum, qint64 maximum,
                                  Need need = Need::Optional);
    std::optional<double> number(QLatin1StringView key, double minimum);
    bool boolean(QLatin1StringView key, bool fallback);
    // A number of seconds, or text such as "30m" (see parseDuration).
    std::optional<std::chrono::seconds> duration(QLatin1StringView key);
    // A whole number, or text such as "200k" (see parseCount).
    std::optional<qint64> count(QLatin1StringView key);
    // ISO 8601 text; an invalid QDateTime when absent.
    QDateTime time(QLatin1StringView key, Need need = Need::Optional);

    template<typename E> std::optional<E> enumeration(QLatin1StringView key, Need need = Need::Optional)
    {
        const int index = choice(key, enumNameList<E>(), need);
        if (index < 0)
            return std::nullopt;
        return enumNames<E>()[index].value;
    }

    JsonReader object(QLatin1StringView key, Need need = Need::Optional);

    // Reads a list of objects, each with `read(JsonReader &)`.
    template<typename T, typename Read> QList<T> list(QLatin1StringView key, Read read)
    {
        QList<T> items;
        const QJsonArray array = arrayAt(key);
        for (qsizetype i = 0; i < array.size(); ++i) {
            JsonReader element = elementAt(array, key, i);
            if (element.isPresent())
                items.append(read(element));
        }
        return items;
    }

    // The raw value, for fields with more than one accepted shape.
    QJsonValue value(QLatin1StringView key);

    void fail(QLatin1StringView key, const QString &message);
    void failMissing(QLatin1StringView key, const QString &message);
    // Rejects keys that nothing asked for, when the reader was made to.
    // Every read() calls this last.
    void finish();

    // "text", "a number", "a list" ... for messages about a wrong type.
    static QString describe(const QJsonValue &value);

private:
    struct Shared
    {
        FieldErrors *errors = nullptr;
        UnknownKeys unknownKeys = UnknownKeys::Ignore;
        ScalarText scalarText;
    };

    JsonReader(std::shared_ptr<const Shared> shared, QString path, const QJsonObject &object, bool present);

    // Marks the key as known; reports a missing required value.
    QJsonValue take(QLatin1StringView key, Need need, const QString &expected);
    std::optional<QString> textOf(const QJsonValue &value, const QString &path) const;
    QJsonArray arrayAt(QLatin1StringView key);
    JsonReader elementAt(const QJsonArray &array, QLatin1StringView key, qsizetype index);
    int choice(QLatin1StringView key, const QStringList &choices, Need need);
    void report(FieldError::Kind kind, const QString &path, const QString &message) const;

    std::shared_ptr<const Shared> m_shared;
    QString m_path;
    QJsonObject m_object;
    QStringList m_asked;
    bool m_present = false;
};

// Reads a whole value type from JSON: the value, or std::nullopt with the
// problems appended to errors (when given).
template<typename T> std::optional<T> readJsonObject(const QJsonObject &json, FieldErrors *errors)
{
    FieldErrors found;
    JsonReader reader(json, &found);
    T value = T::read(reader);
    if (errors)
        errors->append(found);
    if (!found.isEmpty())
        return std::nullopt;
    return value;
}

} // namespace delegate
