// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace delegate {

// One problem found while reading a value type from JSON (or from YAML, which
// is read through the same code). The path names the field the way a person
// writes it: `scope.base_ref`, `context[2].label`.
struct FieldError
{
    enum class Kind {
        InvalidValue, // present, but of the wrong type or outside what is allowed
        Missing, // required and absent
        UnknownKey, // not a field of this type
    };

    Kind kind = Kind::InvalidValue;
    QString path;
    QString message; // says what is expected, and how to fix it

    // "scope.base_ref: expected text, got a list"
    QString toString() const;

    friend bool operator==(const FieldError &, const FieldError &) = default;
};

using FieldErrors = QList<FieldError>;

} // namespace delegate
