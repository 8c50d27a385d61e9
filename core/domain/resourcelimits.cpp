// SPDX-License-Identifier: GPL-3.0-or-later
#include "resourcelimits.h"

#include "jsonreader.h"
#include "jsonwrite.h"

#include <limits>

namespace delegate {

namespace {

constexpr qint64 unbounded = std::numeric_limits<qint32>::max();

std::optional<std::chrono::seconds> positiveDuration(JsonReader &reader, QLatin1StringView key)
{
    std::optional<std::chrono::seconds> duration = reader.duration(key);
    if (duration && duration->count() == 0) {
        reader.fail(key, QStringLiteral("must be longer than zero, such as 10m"));
        return std::nullopt;
    }
    return duration;
}

} // namespace

QJsonObject ResourceLimits::toJson() const
{
    QJsonObject json;
    json::insertIfSet(json, QLatin1StringView("cpu_time"), cpuTime);
    json::insertIfSet(json, QLatin1StringView("memory_mb"), memoryMb);
    json::insertIfSet(json, QLatin1StringView("processes"), processes);
    json::insertIfSet(json, QLatin1StringView("file_size_mb"), fileSizeMb);
    json::insertIfSet(json, QLatin1StringView("output_kb"), outputKb);
    json::insertIfSet(json, QLatin1StringView("wall_time"), wallTime);
    return json;
}

ResourceLimits ResourceLimits::read(JsonReader &reader)
{
    ResourceLimits limits;
    limits.cpuTime = positiveDuration(reader, QLatin1StringView("cpu_time"));
    limits.memoryMb = reader.integer(QLatin1StringView("memory_mb"), 1, unbounded);
    limits.processes = reader.integer(QLatin1StringView("processes"), 1, unbounded);
    limits.fileSizeMb = reader.integer(QLatin1StringView("file_size_mb"), 1, unbounded);
    limits.outputKb = reader.integer(QLatin1StringView("output_kb"), 1, unbounded);
    limits.wallTime = positiveDuration(reader, QLatin1StringView("wall_time"));
    reader.finish();
    return limits;
}

} // namespace delegate
