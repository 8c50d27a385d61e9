// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

#include <chrono>
#include <optional>

namespace delegate {

class JsonReader;

// What one unattended run may spend before the engine stops it. Unset means
// no limit was given (the bounded-task lint flags that).
struct TaskLimits
{
    std::optional<std::chrono::seconds> wallTime;
    std::optional<qint64> steps; // agent turns / tool calls
    std::optional<qint64> tokens; // input plus output
    std::optional<double> costUsd;

    bool isEmpty() const { return !wallTime && !steps && !tokens && !costUsd; }

    // wall_time is written as seconds; readers accept "30m" too.
    QJsonObject toJson() const;
    static TaskLimits read(JsonReader &reader);

    friend bool operator==(const TaskLimits &, const TaskLimits &) = default;
};

} // namespace delegate
