// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace delegate::ui {

// How numbers and times read in the GUI: relative times with the exact
// time for tooltips, abbreviated token counts, costs with their currency.
namespace displayformat {

QString relativeTime(const QDateTime &when, const QDateTime &now = QDateTime::currentDateTimeUtc());
QString exactTime(const QDateTime &when); // local time, to the second
QString duration(qint64 seconds); // "45 s", "3 min", "2 h 05 min"
QString tokens(qint64 count); // "950", "12.4k", "3.1M"
QString cost(std::optional<double> usd); // "$0.75", "—" when unknown
QDateTime parseTime(const QString &iso); // the protocol's ISO 8601 UTC

} // namespace displayformat

} // namespace delegate::ui
