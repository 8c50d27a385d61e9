// SPDX-License-Identifier: GPL-3.0-or-later
#include "tasklimits.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject TaskLimits::toJson() const
{
    QJsonObject json;
    json::insertIfSet(json, QLatin1StringView("wall_time"), wallTime);
    json::insertIfSet(json, QLatin1StringView("steps"), steps);
    json::insertIfSet(json, QLatin1StringView("tokens"), tokens);
    json::insertIfSet(json, QLatin1StringView("cost_usd"), costUsd);
    return json;
}

TaskLimits TaskLimits::read(JsonReader &reader)
{
    TaskLimits limits;
    limits.wallTime = reader.duration(QLatin1StringView("wall_time"));
    if (limits.wallTime && limits.wallTime->count() == 0) {
        reader.fail(QLatin1StringView("wall_time"), QStringLiteral("must be longer than zero, such as 30m"));
        limits.wallTime.reset();
    }
    limits.steps = reader.integer(QLatin1StringView("steps"), 1, 1000000);
    limits.tokens = reader.count(QLatin1StringView("tokens"));
    if (limits.tokens && *limits.tokens == 0) {
        reader.fail(QLatin1StringView("tokens"), QStringLiteral("must be more than zero, such as 200k"));
        limits.tokens.reset();
    }
    limits.costUsd = reader.number(QLatin1StringView("cost_usd"), 0);
    reader.finish();
    return limits;
}

} // namespace delegate
