// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace delegate {

// What a caller hands the store to append. The store adds the sequence,
// time and hashes (see Event).
struct EventDraft
{
    QString runId; // empty for engine-wide events
    QString actor; // "agent", "system" or "user:<name>"
    QString kind;
    QJsonObject payload;
};

// The outcome of one append. A result with a sequence is durable: its
// transaction was committed with synchronous=FULL before it was handed out.
struct AppendResult
{
    qint64 sequence = 0;
    QString hash;
    QString error; // names the problem and the fix when the append failed

    bool ok() const { return sequence > 0 && error.isEmpty(); }
};

} // namespace delegate
