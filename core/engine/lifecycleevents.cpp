// SPDX-License-Identifier: GPL-3.0-or-later
#include "lifecycleevents.h"

#include <algorithm>
#include <iterator>

namespace delegate::lifecycle {

namespace {

constexpr QLatin1StringView kinds[] = {
    submitted,     stateChanged, provisioned, checkpointOpened, checkpointDecided, artifactSubmitted,
    reviewDecided, usage,        steered,     paused,           resumed,           actionExecuted
};

} // namespace

bool isLifecycle(QStringView kind)
{
    return std::any_of(std::begin(kinds), std::end(kinds), [&](QLatin1StringView k) { return kind == k; });
}

bool isLifecycle(QByteArrayView kind)
{
    // Replay asks this of every stored event before decoding it: compare the
    // UTF-8 bytes as they come out of SQLite.
    return std::any_of(std::begin(kinds), std::end(kinds),
                       [&](QLatin1StringView k) { return kind == QByteArrayView(k.data(), k.size()); });
}

} // namespace delegate::lifecycle
