// SPDX-License-Identifier: GPL-3.0-or-later
#include "canonicaljson.h"

#include <QJsonArray>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace delegate {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

char *writeControlEscape(char *to, unsigned char c)
{
    *to++ = '\\';
    switch (c) {
    case '\b':
        *to++ = 'b';
        return to;
    case '\t':
        *to++ = 't';
        return to;
    case '\n':
        *to++ = 'n';
        return to;
    case '\f':
        *to++ = 'f';
        return to;
    case '\r':
        *to++ = 'r';
        return to;
    default:
        *to++ = 'u';
        *to++ = '0';
        *to++ = '0';
        *to++ = hexDigits[c >> 4];
        *to++ = hexDigits[c & 0xf];
        return to;
    }
}

void appendControlEscape(QByteArray &out, unsigned char c)
{
    char escape[6];
    out.append(escape, writeControlEscape(escape, c) - escape);
}

bool needsEscape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

char *writeUtf8(char *to, char32_t codePoint)
{
    if (codePoint < 0x80) {
        *to++ = char(codePoint);
    } else if (codePoint < 0x800) {
        *to++ = char(0xc0 | (codePoint >> 6));
        *to++ = char(0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
        *to++ = char(0xe0 | (codePoint >> 12));
        *to++ = char(0x80 | ((codePoint >> 6) & 0x3f));
        *to++ = char(0x80 | (codePoint & 0x3f));
    } else {
        *to++ = char(0xf0 | (codePoint >> 18));
        *to++ = char(0x80 | ((codePoint >> 12) & 0x3f));
        *to++ = char(0x80 | ((codePoint >> 6) & 0x3f));
        *to++ = char(0x80 | (codePoint & 0x3f));
    }
    return to;
}

// Maps a UTF-16 code unit so that comparing mapped units orders strings by
// code point: surrogates (which encode U+10000 and up) move above U+FFFF.
char16_t codePointOrder(char16_t unit)
{
    if (unit >= 0xe000)
        return char16_t(unit - 0x800);
    if (unit >= 0xd800)
        return char16_t(unit + 0x2000);
    return unit;
}

} // namespace

QByteArray CanonicalJson::serialize(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(256);
    appendObject(out, object);
    return out;
}

QByteArray CanonicalJson::serialize(const QJsonValue &value)
{
    QByteArray out;
    appendValue(out, value);
    return out;
}

void CanonicalJson::appendValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null", 4);
        return;
    case QJsonValue::Bool:
        if (value.toBool())
            out.append("true", 4);
        else
            out.append("false", 5);
        return;
    case QJsonValue::Double: {
        // A QJsonValue holds either a qint64 or a double. Asking for an
        // integer with two different fallbacks tells whether the value is a
        // whole number in range, without losing the digits of a large qint64.
        // (Qt converts NaN to an integer, so rule out non-finite values first.)
        if (!std::isfinite(value.toDouble())) {
            out.append("null", 4);
            return;
        }
        const qint64 whole = value.toInteger(0);
        if (whole != 0 || value.toInteger(1) == 0)
            appendInteger(out, whole);
        else
            appendDouble(out, value.toDouble());
        return;
    }
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        bool first = true;
        for (const QJsonValue &element : array) {
            if (!first)
                out.append(',');
            first = false;
            appendValue(out, element);
        }
        out.append(']');
        return;
    }
    case QJsonValue::Object:
        appendObject(out, value.toObject());
        return;
    }
}

void CanonicalJson::appendObject(QByteArray &out, const QJsonObject &object)
{
    // QJsonObject iterates in UTF-16 order, which equals code point order
    // unless a key holds characters from U+D800 up; sort only then.
    QVarLengthArray<QJsonObject::const_iterator, 32> members;
    bool ordered = true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!members.isEmpty() && !keyLess(members.back().key(), it.key()))
            ordered = false;
        members.append(it);
    }
    if (!ordered) {
        std::sort(members.begin(), members.end(),
                  [](const auto &left, const auto &right) { return keyLess(left.key(), right.key()); });
    }
    out.append('{');
    bool first = true;
    for (const auto &member : members) {
        if (!first)
            out.append(',');
        first = false;
        appendString(out, member.key());
        out.append(':');
        appendValue(out, member.value());
    }
    out.append('}');
}

void CanonicalJson::appendString(QByteArray &out, QStringView text)
{
    // Writes through a pointer into room for the worst case (six bytes per
    // UTF-16 unit, for \u00xx), then trims: appending byte by byte costs
    // more than everything else the store does with a payload.
    const qsizetype size = text.size();
    const qsizetype start = out.size();
    out.resize(start + 2 + 6 * size);
    char *to = out.data() + start;
    *to++ = '"';
    const char16_t *units = text.utf16();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = units[i];
        if (unit < 0x80) {
            const auto c = static_cast<unsigned char>(unit);
            if (!needsEscape(c)) {
                *to++ = char(c);
            } else if (c == '"' || c == '\\') {
                *to++ = '\\';
                *to++ = char(c);
            } else {
                to = writeControlEscape(to, c);
            }
        } else if (unit < 0x800) {
            *to++ = char(0xc0 | (unit >> 6));
            *to++ = char(0x80 | (unit & 0x3f));
        } else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < size && units[i + 1] >= 0xdc00
                   && units[i + 1] < 0xe000) {
            to = writeUtf8(to, QChar::surrogateToUcs4(unit, units[i + 1]));
            ++i;
        } else if (unit >= 0xd800 && unit < 0xe000) {
            to = writeUtf8(to, QChar::ReplacementCharacter);
        } else {
            to = writeUtf8(to, unit);
        }
    }
    *to++ = '"';
    out.resize(to - out.constData());
}

void CanonicalJson::appendUtf8String(QByteArray &out, QByteArrayView utf8)
{
    out.append('"');
    const char *data = utf8.data();
    const qsizetype size = utf8.size();
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (!needsEscape(c))
            continue;
        out.append(data + runStart, i - runStart);
        if (c == '"' || c == '\\') {
            const char escape[2] = { '\\', char(c) };
            out.append(escape, 2);
        } else {
            appendControlEscape(out, c);
        }
        runStart = i + 1;
    }
    out.append(data + runStart, size - runStart);
    out.append('"');
}

void CanonicalJson::appendInteger(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr - digits);
}

void CanonicalJson::appendDouble(QByteArray &out, double value)
{
    if (!std::isfinite(value)) {
        out.append("null", 4);
        return;
    }
    if (value == 0) {
        out.append('0');
        return;
    }
    if (value < 0) {
        out.append('-');
        value = -value;
    }
    // std::to_chars without a precision gives the shortest digits that read
    // back to the same double, nearest to the value when several are that
    // short -- the digits ECMAScript asks for. Only the layout differs.
    char scientific[40];
    const auto result =
        std::to_chars(scientific, scientific + sizeof scientific, value, std::chars_format::scientific);
    const std::string_view text(scientific, result.ptr - scientific);
    const size_t exponentAt = text.find('e');
    char digits[20];
    int digitCount = 0;
    for (size_t i = 0; i < exponentAt; ++i) {
        if (text[i] != '.')
            digits[digitCount++] = text[i];
    }
    int exponent = 0;
    std::from_chars(text.data() + exponentAt + (text[exponentAt + 1] == '+' ? 2 : 1),
                    text.data() + text.size(), exponent);
    // ECMAScript's n: the value is 0.d1d2...dk times 10^n.
    const int n = exponent + 1;
    if (digitCount <= n && n <= 21) {
        out.append(digits, digitCount);
        out.append(n - digitCount, '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, n);
        out.append('.');
        out.append(digits + n, digitCount - n);
    } else if (-6 < n && n <= 0) {
        out.append("0.", 2);
        out.append(-n, '0');
        out.append(digits, digitCount);
    } else {
        out.append(digits[0]);
        if (digitCount > 1) {
            out.append('.');
            out.append(digits + 1, digitCount - 1);
        }
        out.append('e');
        out.append(n - 1 >= 0 ? '+' : '-');
        appendInteger(out, std::abs(n - 1));
    }
}

bool CanonicalJson::keyLess(QStringView left, QStringView right)
{
    const qsizetype common = std::min(left.size(), right.size());
    const char16_t *l = left.utf16();
    const char16_t *r = right.utf16();
    for (qsizetype i = 0; i < common; ++i) {
        if (l[i] != r[i])
            return codePointOrder(l[i]) < codePointOrder(r[i]);
    }
    return left.size() < right.size();
}

} // namespace delegate
