// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

#include <chrono>
#include <optional>

namespace delegate {

class JsonReader;

// Ceilings the sandbox enforces on everything that runs inside it. Unset
// means the engine's defaults apply.
struct ResourceLimits
{
    std::optional<std::chrono::seconds> cpuTime;
    std::optional<qint64> memoryMb;
    std::optional<qint64> processes;
    std::optional<qint64> fileSizeMb;
    std::optional<qint64> outputKb;
    std::optional<std::chrono::seconds> wallTime;

    QJsonObject toJson() const;
    static ResourceLimits read(JsonReader &reader);

    friend bool operator==(const ResourceLimits &, const ResourceLimits &) = default;
};

} // namespace delegate
