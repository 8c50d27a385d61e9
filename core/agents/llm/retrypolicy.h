// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace delegate::llm {

// When to try a failed provider call again and how long to wait first:
// the server's own hint (retry-after-ms, Retry-After) wins; otherwise a
// capped exponential backoff with jitter so many runs do not retry in step.
struct RetryPolicy
{
    int maxAttempts = 5;
    std::chrono::milliseconds initialBackoff { 500 };
    std::chrono::milliseconds maxBackoff { 30000 };
    double jitter = 0.25; // +/- fraction of the computed delay

    // attempt counts the failed attempts so far (1 after the first failure).
    std::chrono::milliseconds delayFor(int attempt,
                                       std::optional<std::chrono::milliseconds> serverHint) const;
};

// Reads retry-after-ms (milliseconds, may be fractional) or Retry-After
// (seconds or an HTTP date, relative to now).
std::optional<std::chrono::milliseconds>
parseRetryAfter(const QByteArray &retryAfterMs, const QByteArray &retryAfter,
                const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace delegate::llm
