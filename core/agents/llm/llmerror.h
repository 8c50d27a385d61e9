// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace delegate::llm {

// A failed call to a model provider, classified so callers can decide
// whether to retry and can tell a person what to change.
struct LlmError
{
    enum class Kind {
        BadRequest, // 400: the request itself is wrong
        Unauthorized, // 401: the key is missing or wrong
        Forbidden, // 403: the key may not use this model or endpoint
        NotFound, // 404: wrong base URL or unknown model
        RateLimited, // 408/409/429: try again later
        ServerError, // 5xx
        Timeout, // no answer within the request timeout
        Network, // connection refused, DNS, TLS …
        Protocol, // the answer could not be understood (malformed stream)
    };

    Kind kind = Kind::Protocol;
    int httpStatus = 0;
    QString message; // what happened and what to do, for a person
    QString providerMessage; // the provider's own error text, if any
    std::optional<std::chrono::milliseconds> retryAfter;

    bool isRetryable() const;
    QString kindName() const;
};

// Builds the error for an HTTP status with the provider's body, naming the
// likely fix (the key, the model, the base URL).
LlmError errorForHttpStatus(int status, const QByteArray &body, const QString &providerName,
                            const QString &model, const QString &baseUrl);

} // namespace delegate::llm
