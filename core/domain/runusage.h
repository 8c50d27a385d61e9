// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace delegate {

class JsonReader;

// What a run has spent so far.
struct RunUsage
{
    qint64 tokensIn = 0;
    qint64 tokensOut = 0;
    double costUsd = 0;
    qint64 steps = 0; // tool calls the agent made

    QJsonObject toJson() const;
    static RunUsage read(JsonReader &reader);

    friend bool operator==(const RunUsage &, const RunUsage &) = default;
};

} // namespace delegate
