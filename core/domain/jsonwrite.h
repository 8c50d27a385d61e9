// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <chrono>
#include <optional>

// Small helpers the value types share in toJson(), so every type writes lists,
// times and optional fields the same way JsonReader reads them back.
namespace delegate::json {

inline QJsonArray array(const QStringList &items)
{
    return QJsonArray::fromStringList(items);
}

template<typename T> QJsonArray array(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

inline QJsonObject object(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

// UTC with milliseconds, so a time survives a round trip exactly.
inline void insertTime(QJsonObject &object, QLatin1StringView key, const QDateTime &time)
{
    if (time.isValid())
        object.insert(key, time.toUTC().toString(Qt::ISODateWithMs));
}

template<typename E>
void insertEnum(QJsonObject &object, QLatin1StringView key, const std::optional<E> &value)
{
    if (value)
        object.insert(key, enumToString(*value));
}

inline void insertIfSet(QJsonObject &object, QLatin1StringView key, const std::optional<qint64> &value)
{
    if (value)
        object.insert(key, double(*value));
}

inline void insertIfSet(QJsonObject &object, QLatin1StringView key, const std::optional<double> &value)
{
    if (value)
        object.insert(key, *value);
}

inline void insertIfSet(QJsonObject &object, QLatin1StringView key,
                        const std::optional<std::chrono::seconds> &value)
{
    if (value)
        object.insert(key, double(value->count()));
}

} // namespace delegate::json
