// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

namespace delegate {

// Canonical JSON: one byte sequence per JSON value, the same on every run and
// platform, so that a hash over it can be recomputed by anyone. The event
// hash chain is defined over it (see Event).
//
// The rules (docs/store.md repeats them for people outside the code base):
//  - UTF-8, no byte order mark, no whitespace outside strings.
//  - Object members sorted by key, comparing the keys' Unicode code points
//    (the same order as comparing their UTF-8 bytes). Keys are unique.
//  - Strings escape only what JSON requires: `"` as \", `\` as \\, the
//    control characters U+0008, U+0009, U+000A, U+000C, U+000D as \b \t \n
//    \f \r, every other one below U+0020 as \u00xx with lower-case hex.
//    Everything else, including U+007F and non-ASCII, is written as itself.
//    A lone UTF-16 surrogate (not valid Unicode) is written as U+FFFD.
//  - A number whose value is a whole number within the 64-bit signed range
//    is written as that integer, exactly: no fraction, no exponent, no
//    leading zeros, "-" only for negative values (so 1.0, 1e0 and 1 are all
//    "1", and -0 is "0").
//  - Any other number is written as ECMAScript's Number.prototype.toString
//    writes it (which is also what JSON.stringify does): the shortest digits
//    that read back to the same IEEE 754 double, plain decimal notation for
//    decimal exponents from -7 to 20, otherwise "d.ddde+N" / "d.ddde-N".
//  - NaN and infinities, which JSON cannot hold, are written as null.
//  - true, false and null as themselves; arrays keep their order.
//
// For objects, arrays and strings this is what Python writes with
// json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
// and close to RFC 8785 (which sorts keys by UTF-16 units instead).
class CanonicalJson final
{
public:
    static QByteArray serialize(const QJsonObject &object);
    static QByteArray serialize(const QJsonValue &value);

    static void appendValue(QByteArray &out, const QJsonValue &value);
    static void appendObject(QByteArray &out, const QJsonObject &object);
    // A quoted, escaped string.
    static void appendString(QByteArray &out, QStringView text);
    // The same for text that is already UTF-8 (as the store keeps it).
    static void appendUtf8String(QByteArray &out, QByteArrayView utf8);
    static void appendInteger(QByteArray &out, qint64 value);
    static void appendDouble(QByteArray &out, double value);

    // Orders keys by Unicode code point, the canonical member order.
    static bool keyLess(QStringView left, QStringView right);
};

} // namespace delegate
