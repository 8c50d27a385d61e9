// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate {

// A problem in a file a person wrote, placed where they can find it.
struct SourceError
{
    QString file;
    int line = 0; // 1-based; 0 when the problem is the file as a whole
    int column = 0; // 1-based; 0 when unknown
    QString path; // the field, such as `scope.base_ref`; empty for syntax errors
    QString message; // what is wrong and what is expected

    // "tasks/diagnose.yaml:12:5: scope.base_ref: expected text, got a list"
    QString toString() const;
    QJsonObject toJson() const;

    friend bool operator==(const SourceError &, const SourceError &) = default;
};

using SourceErrors = QList<SourceError>;

} // namespace delegate
