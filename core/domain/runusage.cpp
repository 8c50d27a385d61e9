// SPDX-License-Identifier: GPL-3.0-or-later
#include "runusage.h"

#include "jsonreader.h"

#include <limits>

namespace delegate {

namespace {
// JSON numbers are doubles: beyond 2^53 they stop being exact.
constexpr qint64 largestExact = qint64(1) << 53;
} // namespace

QJsonObject RunUsage::toJson() const
{
    return {
        { QLatin1String("tokens_in"), double(tokensIn) },
        { QLatin1String("tokens_out"), double(tokensOut) },
        { QLatin1String("cost_usd"), costUsd },
        { QLatin1String("steps"), double(steps) },
    };
}

RunUsage RunUsage::read(JsonReader &reader)
{
    RunUsage usage;
    usage.tokensIn = reader.integer(QLatin1StringView("tokens_in"), 0, largestExact).value_or(0);
    usage.tokensOut = reader.integer(QLatin1StringView("tokens_out"), 0, largestExact).value_or(0);
    usage.costUsd = reader.number(QLatin1StringView("cost_usd"), 0).value_or(0);
    usage.steps = reader.integer(QLatin1StringView("steps"), 0, largestExact).value_or(0);
    reader.finish();
    return usage;
}

} // namespace delegate
