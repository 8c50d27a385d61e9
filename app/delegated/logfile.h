// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

// Sends the daemon's messages (qInfo, qWarning …) to a file, one timestamped
// line each, instead of standard error (which the journal takes when
// systemd starts the daemon). The error says why the file cannot be used.
std::optional<QString> logToFile(const QString &path);
