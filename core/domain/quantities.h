// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <chrono>
#include <optional>

namespace delegate {

// Durations as people write them in task files: "90s", "30m", "2h", "1d",
// or combined, "1h30m". A bare number is seconds.
std::optional<std::chrono::seconds> parseDuration(QStringView text);
// The shortest exact spelling that parseDuration reads back: 5400s -> "1h30m".
QString formatDuration(std::chrono::seconds duration);

// Counts as people write them: "200k", "1.5M", "200000". k = 1000, M = 10^6.
std::optional<qint64> parseCount(QStringView text);
// The shortest exact spelling that parseCount reads back: 200000 -> "200k".
QString formatCount(qint64 count);

} // namespace delegate
