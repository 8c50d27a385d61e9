// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace delegate {

// One line of a targets file: the parameter values of one task.
struct BatchTarget
{
    int line = 0; // in the file, from 1
    QMap<QString, QString> values;
};

// The targets file of delegatectl batch. A plain file holds one target a
// line, the value of one parameter; blank lines and lines starting with #
// are skipped. A .csv file has a header row naming a parameter per column
// and one target a row (RFC 4180 quoting, one row a line).
class BatchTargets final
{
public:
    static bool isCsv(const QString &path);
    // parameter names what a plain line fills; it is not used for CSV.
    static std::optional<QList<BatchTarget>> read(const QString &path, const QString &parameter,
                                                  QString *error);
    static std::optional<QList<BatchTarget>> parse(const QString &text, bool csv, const QString &parameter,
                                                   QString *error);
    // The fields of one CSV line; std::nullopt when a quote is not closed.
    static std::optional<QStringList> splitCsvLine(const QString &line);
};

} // namespace delegate
