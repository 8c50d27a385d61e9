// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "providersetting.h"

#include <QCoro/QCoroTask>

#include <chrono>

namespace delegate {

// The verdict of "Test connection", in plain words: what happened, what it
// means and what to change.
struct ProviderVerdict
{
    enum class Outcome {
        Connected,
        HostNotFound, // DNS
        ConnectionRefused,
        Tls,
        KeyRejected, // 401
        Forbidden, // 403
        NotFound, // 404: the base URL or the model
        TimedOut,
        Failed, // anything else: another HTTP status, an answer that is not the provider's
    };

    Outcome outcome = Outcome::Failed;
    QString message;
    int httpStatus = 0;
    QString checkedUrl;

    bool ok() const { return outcome == Outcome::Connected; }
};

// Makes one real request to a provider with the settings as they stand: a
// one-token completion with `model` (default: the entry's first model), or
// the models listing when no model is known. It sends nothing else and
// never retries, so the verdict is about this configuration.
class ProviderCheck final
{
public:
    static QCoro::Task<ProviderVerdict> run(ProviderSetting provider, QString apiKey, QString model = {},
                                            std::chrono::milliseconds timeout = std::chrono::seconds(20));
};

} // namespace delegate
