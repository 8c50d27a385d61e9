// SPDX-License-Identifier: GPL-3.0-or-later
#include "quantities.h"

#include <limits>

namespace delegate {

namespace {

constexpr qint64 secondsPerMinute = 60;
constexpr qint64 secondsPerHour = 60 * secondsPerMinute;
constexpr qint64 secondsPerDay = 24 * secondsPerHour;

std::optional<qint64> secondsPerUnit(QChar unit)
{
    switch (unit.toLower().unicode()) {
    case u's':
        return 1;
    case u'm':
        return secondsPerMinute;
    case u'h':
        return secondsPerHour;
    case u'd':
        return secondsPerDay;
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<std::chrono::seconds> parseDuration(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool plain = false;
    const qint64 bare = trimmed.toLongLong(&plain);
    if (plain)
        return bare >= 0 ? std::optional(std::chrono::seconds(bare)) : std::nullopt;

    // A sequence of <digits><unit> groups, each unit at most once, largest first.
    qint64 total = 0;
    qint64 previousUnit = std::numeric_limits<qint64>::max();
    qsizetype i = 0;
    while (i < trimmed.size()) {
        const qsizetype start = i;
        while (i < trimmed.size() && trimmed[i].isDigit())
            ++i;
        if (i == start || i == trimmed.size())
            return std::nullopt;
        const qint64 amount = trimmed.mid(start, i - start).toLongLong();
        const std::optional<qint64> unit = secondsPerUnit(trimmed[i]);
        if (!unit || *unit >= previousUnit)
            return std::nullopt;
        if (amount > (std::numeric_limits<qint64>::max() - total) / *unit)
            return std::nullopt;
        total += amount * *unit;
        previousUnit = *unit;
        ++i;
    }
    return std::chrono::seconds(total);
}

QString formatDuration(std::chrono::seconds duration)
{
    qint64 rest = duration.count();
    if (rest <= 0)
        return QStringLiteral("0s");
    QString text;
    const std::pair<qint64, char16_t> units[] = {
        { secondsPerDay, u'd' }, { secondsPerHour, u'h' }, { secondsPerMinute, u'm' }, { 1, u's' }
    };
    for (const auto &[size, letter] : units) {
        if (rest >= size) {
            text += QString::number(rest / size) + QChar(letter);
            rest %= size;
        }
    }
    return text;
}

std::optional<qint64> parseCount(QStringView text)
{
    QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    int exponent = 0;
    const QChar suffix = trimmed.back();
    if (suffix == u'k' || suffix == u'K')
        exponent = 3;
    else if (suffix == u'm' || suffix == u'M')
        exponent = 6;
    if (exponent != 0)
        trimmed.chop(1);

    // Decimal arithmetic, not floating point: "1.1k" must be exactly 1100.
    const qsizetype dot = trimmed.indexOf(u'.');
    const QStringView whole = dot < 0 ? trimmed : trimmed.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : trimmed.mid(dot + 1);
    if (whole.isEmpty() || whole.size() > 15 || fraction.size() > exponent
        || (dot >= 0 && fraction.isEmpty()))
        return std::nullopt;
    qint64 value = 0;
    for (const QChar c : whole) {
        if (!c.isDigit())
            return std::nullopt;
        value = value * 10 + c.digitValue();
    }
    int scale = exponent;
    for (const QChar c : fraction) {
        if (!c.isDigit())
            return std::nullopt;
        value = value * 10 + c.digitValue();
        --scale;
    }
    for (; scale > 0; --scale)
        value *= 10;
    return value;
}

QString formatCount(qint64 count)
{
    if (count != 0 && count % 1000000 == 0)
        return QString::number(count / 1000000) + u'M';
    if (count != 0 && count % 1000 == 0)
        return QString::number(count / 1000) + u'k';
    return QString::number(count);
}

} // namespace delegate
