// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonreader.h"

#include "closestmatch.h"
#include "quantities.h"

#include <cmath>
#include <limits>

namespace delegate {

namespace {

QString quoted(const QString &text)
{
    return u'`' + text + u'`';
}

} // namespace

JsonReader::JsonReader(const QJsonObject &object, FieldErrors *errors, UnknownKeys unknownKeys,
                       ScalarText scalarText)
    : JsonReader(std::make_shared<const Shared>(Shared { errors, unknownKeys, std::move(scalarText) }),
                 QString(), object, true)
{ }

JsonReader::JsonReader(std::shared_ptr<const Shared> shared, QString path, const QJsonObject &object,
                       bool present)
    : m_shared(std::move(shared))
    , m_path(std::move(path))
    , m_object(object)
    , m_present(present)
{ }

QString JsonReader::pathOf(QAnyStringView key) const
{
    if (key.isEmpty())
        return m_path;
    if (m_path.isEmpty())
        return key.toString();
    return m_path + u'.' + key.toString();
}

bool JsonReader::has(QLatin1StringView key)
{
    if (!m_asked.contains(key))
        m_asked.append(QString(key));
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

QString JsonReader::describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("nothing");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("text");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("a mapping");
    }
    return {};
}

void JsonReader::report(FieldError::Kind kind, const QString &path, const QString &message) const
{
    if (m_shared->errors)
        m_shared->errors->append(FieldError { kind, path, message });
}

void JsonReader::fail(QLatin1StringView key, const QString &message)
{
    report(FieldError::Kind::InvalidValue, pathOf(key), message);
}

void JsonReader::failMissing(QLatin1StringView key, const QString &message)
{
    report(FieldError::Kind::Missing, pathOf(key), message);
}

QJsonValue JsonReader::take(QLatin1StringView key, Need need, const QString &expected)
{
    const bool present = has(key);
    if (present)
        return m_object.value(key);
    if (need == Need::Required && m_present) {
        const bool written = m_object.contains(key);
        QString message =
            (written ? QStringLiteral("needs a value: expected ") : QStringLiteral("is required: expected "))
            + expected;
        // Most often the key is there, misspelt.
        const QString misspelt = written ? QString() : closestMatch(QString(key), m_object.keys());
        if (!misspelt.isEmpty())
            message += QStringLiteral(" (is `%1` meant to be `%2`?)").arg(misspelt, key);
        failMissing(key, message);
    }
    return QJsonValue(QJsonValue::Undefined);
}

std::optional<QString> JsonReader::textOf(const QJsonValue &value, const QString &path) const
{
    if (value.isString())
        return value.toString();
    if ((value.isDouble() || value.isBool()) && m_shared->scalarText)
        return m_shared->scalarText(path);
    return std::nullopt;
}

QString JsonReader::text(QLatin1StringView key, Need need)
{
    const QJsonValue value = take(key, need, QStringLiteral("text"));
    if (value.isUndefined())
        return {};
    if (std::optional<QString> text = textOf(value, pathOf(key)))
        return *text;
    fail(key, QStringLiteral("expected text, got ") + describe(value));
    return {};
}

QJsonArray JsonReader::arrayAt(QLatin1StringView key)
{
    const QJsonValue value = take(key, Need::Optional, QStringLiteral("a list"));
    if (value.isUndefined())
        return {};
    if (!value.isArray()) {
        fail(key,
             QStringLiteral("expected a list, got ") + describe(value)
                 + QStringLiteral(" (write one `- item` per line, or [a, b])"));
        return {};
    }
    return value.toArray();
}

JsonReader JsonReader::elementAt(const QJsonArray &array, QLatin1StringView key, qsizetype index)
{
    const QString path = pathOf(key) + u'[' + QString::number(index) + u']';
    const QJsonValue element = array.at(index);
    if (!element.isObject()) {
        report(FieldError::Kind::InvalidValue, path,
               QStringLiteral("expected a mapping, got ") + describe(element));
        return JsonReader(m_shared, path, {}, false);
    }
    return JsonReader(m_shared, path, element.toObject(), true);
}

QStringList JsonReader::textList(QLatin1StringView key)
{
    const QJsonArray array = arrayAt(key);
    QStringList items;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = pathOf(key) + u'[' + QString::number(i) + u']';
        if (std::optional<QString> text = textOf(array.at(i), path))
            items.append(*text);
        else
            report(FieldError::Kind::InvalidValue, path,
                   QStringLiteral("expected text, got ") + describe(array.at(i)));
    }
    return items;
}

QMap<QString, QString> JsonReader::textMap(QLatin1StringView key)
{
    const QJsonValue value = take(key, Need::Optional, QStringLiteral("a mapping"));
    QMap<QString, QString> map;
    if (value.isUndefined())
        return map;
    if (!value.isObject()) {
        fail(key, QStringLiteral("expected a mapping of names to text, got ") + describe(value));
        return map;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString path = pathOf(key) + u'.' + it.key();
        if (std::optional<QString> text = textOf(it.value(), path))
            map.insert(it.key(), *text);
        else
            report(FieldError::Kind::InvalidValue, path,
                   QStringLiteral("expected text, got ") + describe(it.value()));
    }
    return map;
}

std::optional<qint64> JsonReader::integer(QLatin1StringView key, qint64 minimum, qint64 maximum, Need need)
{
    const QJsonValue value = take(key, need, QStringLiteral("a whole number"));
    if (value.isUndefined())
        return std::nullopt;
    const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value.isDouble() || std::floor(number) != number) {
        fail(key, QStringLiteral("expected a whole number, got ") + describe(value));
        return std::nullopt;
    }
    if (number < double(minimum) || number > double(maximum)) {
        fail(key,
             QStringLiteral("expected a whole number from %1 to %2, got %3")
                 .arg(QString::number(minimum), QString::number(maximum), QString::number(number, 'g', 17)));
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<double> JsonReader::number(QLatin1StringView key, double minimum)
{
    const QJsonValue value = take(key, Need::Optional, QStringLiteral("a number"));
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        fail(key, QStringLiteral("expected a number, got ") + describe(value));
        return std::nullopt;
    }
    if (value.toDouble() < minimum) {
        fail(key,
             QStringLiteral("expected a number of at least %1, got %2").arg(minimum).arg(value.toDouble()));
        return std::nullopt;
    }
    return value.toDouble();
}

bool JsonReader::boolean(QLatin1StringView key, bool fallback)
{
    const QJsonValue value = take(key, Need::Optional, QStringLiteral("true or false"));
    if (value.isUndefined())
        return fallback;
    if (!value.isBool()) {
        fail(key, QStringLiteral("expected true or false, got ") + describe(value));
        return fallback;
    }
    return value.toBool();
}

std::optional<std::chrono::seconds> JsonReader::duration(QLatin1StringView key)
{
    static const QString expected = QStringLiteral("a duration such as 90s, 30m, 2h or 1h30m");
    const QJsonValue value = take(key, Need::Optional, QStringLiteral("a duration"));
    if (value.isUndefined())
        return std::nullopt;
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (seconds >= 0 && std::floor(seconds) == seconds && seconds < 1e15)
            return std::chrono::seconds(qint64(seconds));
    } else if (value.isString()) {
        if (std::optional<std::chrono::seconds> parsed = parseDuration(value.toString()))
            return parsed;
        fail(key,
             QStringLiteral("expected ") + expected + QStringLiteral(", got ") + quoted(value.toString()));
        return std::nullopt;
    }
    fail(key, QStringLiteral("expected ") + expected + QStringLiteral(", got ") + describe(value));
    return std::nullopt;
}

std::optional<qint64> JsonReader::count(QLatin1StringView key)
{
    static const QString expected = QStringLiteral("a count such as 40000, 200k or 1.5M");
    const QJsonValue value = take(key, Need::Optional, QStringLiteral("a count"));
    if (value.isUndefined())
        return std::nullopt;
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number >= 0 && std::floor(number) == number && number < 9e15)
            return qint64(number);
    } else if (value.isString()) {
        if (std::optional<qint64> parsed = parseCount(value.toString()))
            return parsed;
        fail(key,
             QStringLiteral("expected ") + expected + QStringLiteral(", got ") + quoted(value.toString()));
        return std::nullopt;
    }
    fail(key, QStringLiteral("expected ") + expected + QStringLiteral(", got ") + describe(value));
    return std::nullopt;
}

QDateTime JsonReader::time(QLatin1StringView key, Need need)
{
    const QJsonValue value = take(key, need, QStringLiteral("an ISO 8601 time such as 2025-01-31T09:30:00Z"));
    if (value.isUndefined())
        return {};
    QDateTime time;
    if (value.isString())
        time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid()) {
        fail(key,
             QStringLiteral("expected an ISO 8601 time such as 2025-01-31T09:30:00Z, got ")
                 + (value.isString() ? quoted(value.toString()) : describe(value)));
        return {};
    }
    return time.toUTC();
}

int JsonReader::choice(QLatin1StringView key, const QStringList &choices, Need need)
{
    const QString expected = QStringLiteral("one of ") + choices.join(QStringLiteral(", "));
    const QJsonValue value = take(key, need, expected);
    if (value.isUndefined())
        return -1;
    const std::optional<QString> text = textOf(value, pathOf(key));
    if (!text) {
        fail(key, QStringLiteral("expected ") + expected + QStringLiteral(", got ") + describe(value));
        return -1;
    }
    const int index = int(choices.indexOf(*text));
    if (index >= 0)
        return index;
    QString message = QStringLiteral("expected ") + expected + QStringLiteral(", got ") + quoted(*text);
    const QString suggestion = closestMatch(*text, choices);
    if (!suggestion.isEmpty())
        message += QStringLiteral("; did you mean ") + quoted(suggestion) + u'?';
    fail(key, message);
    return -1;
}

JsonReader JsonReader::object(QLatin1StringView key, Need need)
{
    const QJsonValue value = take(key, need, QStringLiteral("a mapping"));
    if (value.isUndefined())
        return JsonReader(m_shared, pathOf(key), {}, false);
    if (!value.isObject()) {
        fail(key, QStringLiteral("expected a mapping, got ") + describe(value));
        return JsonReader(m_shared, pathOf(key), {}, false);
    }
    return JsonReader(m_shared, pathOf(key), value.toObject(), true);
}

QJsonValue JsonReader::value(QLatin1StringView key)
{
    has(key);
    return m_object.value(key);
}

void JsonReader::finish()
{
    if (m_shared->unknownKeys != UnknownKeys::Reject || !m_present)
        return;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (m_asked.contains(it.key()))
            continue;
        QString message = QStringLiteral("unknown key ") + quoted(it.key());
        const QString suggestion = closestMatch(it.key(), m_asked);
        if (!suggestion.isEmpty()) {
            message += QStringLiteral("; did you mean ") + quoted(suggestion) + u'?';
        } else {
            QStringList known = m_asked;
            known.sort();
            message += QStringLiteral("; expected one of ") + known.join(QStringLiteral(", "));
        }
        report(FieldError::Kind::UnknownKey, pathOf(it.key()), message);
    }
}

} // namespace delegate
