// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <span>

namespace delegate {

// The stable spelling of one enumerator, as JSON, YAML, the store and the CLI
// write it. Spellings are part of the file formats: never rename one.
template<typename E> struct EnumName
{
    E value;
    QLatin1StringView name;
};

// Every enum of the domain specialises this in its own header and defines the
// table in its .cpp, so the spellings of a type live in exactly one place.
template<typename E> std::span<const EnumName<E>> enumNames();

template<typename E> QString enumToString(E value)
{
    for (const EnumName<E> &entry : enumNames<E>()) {
        if (entry.value == value)
            return QString(entry.name);
    }
    return {};
}

template<typename E> std::optional<E> enumFromString(QStringView text)
{
    for (const EnumName<E> &entry : enumNames<E>()) {
        if (text == entry.name)
            return entry.value;
    }
    return std::nullopt;
}

template<typename E> QStringList enumNameList()
{
    QStringList names;
    for (const EnumName<E> &entry : enumNames<E>())
        names.append(QString(entry.name));
    return names;
}

} // namespace delegate
