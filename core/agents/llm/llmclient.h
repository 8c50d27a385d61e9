// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "completion.h"
#include "providerconfig.h"

#include <QCoro/QCoroTask>
#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace delegate::llm {

class DialectCodec;

// Sends completion requests to one provider and reads the answers, streamed
// or whole, retrying what is worth retrying. The engine keeps one client per
// configured provider; requests from many runs share its connections.
class LlmClient final : public QObject
{
    Q_OBJECT

public:
    explicit LlmClient(ProviderConfig config, QObject *parent = nullptr);
    ~LlmClient() override;

    const ProviderConfig &config() const { return m_config; }

    // Never throws; a failure comes back as CompletionResult::error with a
    // message a person can act on.
    QCoro::Task<CompletionResult> complete(CompletionRequest request, StreamObserver observer = {});

Q_SIGNALS:
    // Emitted before each retry wait, so callers can show "retrying in 2 s".
    void retrying(int attempt, qint64 delayMs, const QString &reason);

private:
    struct AttemptOutcome;
    QCoro::Task<AttemptOutcome> attempt(const CompletionRequest &request, const StreamObserver &observer);

    ProviderConfig m_config;
    std::unique_ptr<DialectCodec> m_codec;
    QNetworkAccessManager *m_network;
};

} // namespace delegate::llm
