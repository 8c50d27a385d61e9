// SPDX-License-Identifier: GPL-3.0-or-later
#include "llmclient.h"

#include "dialectcodec.h"
#include "sseparser.h"

#include <QCoro/QCoroNetworkReply>
#include <QCoro/QCoroTimer>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace delegate::llm {

struct LlmClient::AttemptOutcome
{
    std::optional<Completion> completion;
    std::optional<LlmError> error;
    bool streamedSomething = false;
};

namespace {

LlmError transportError(QNetworkReply *reply, const ProviderConfig &config)
{
    LlmError error;
    error.kind = LlmError::Kind::Network;
    error.providerMessage = reply->errorString();
    error.message = u"Could not reach %1 at %2: %3. Check the base URL and that the server is running."_s.arg(
        config.name, config.endpoint().toString(), reply->errorString());
    return error;
}

// QNetworkRequest's transfer timeout aborts a quiet reply; it surfaces as
// one of these errors rather than as a distinct state.
bool endedByTimeout(const QNetworkReply *reply)
{
    return reply->error() == QNetworkReply::TimeoutError
        || reply->error() == QNetworkReply::OperationCanceledError;
}

LlmError timeoutError(const ProviderConfig &config, const QString &what)
{
    LlmError error;
    error.kind = LlmError::Kind::Timeout;
    error.message = u"%1 did not answer in time (%2)."_s.arg(config.name, what);
    return error;
}

} // namespace

LlmClient::LlmClient(ProviderConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_codec(DialectCodec::create(m_config.dialect))
    , m_network(new QNetworkAccessManager(this))
{ }

LlmClient::~LlmClient() = default;

QCoro::Task<CompletionResult> LlmClient::complete(CompletionRequest request, StreamObserver observer)
{
    QPointer<LlmClient> self(this);
    CompletionResult result;
    for (int attemptNumber = 1;; ++attemptNumber) {
        result.attempts = attemptNumber;
        AttemptOutcome outcome = co_await attempt(request, observer);
        if (!self) {
            result.error = LlmError {
                LlmError::Kind::Network, 0, u"The model client was shut down."_s, {}, std::nullopt
            };
            co_return result;
        }
        if (outcome.completion) {
            result.completion = std::move(outcome.completion);
            result.error.reset();
            co_return result;
        }
        result.error = outcome.error;
        if (!outcome.error->isRetryable() || attemptNumber >= m_config.retry.maxAttempts)
            co_return result;
        const milliseconds delay = m_config.retry.delayFor(attemptNumber, outcome.error->retryAfter);
        Q_EMIT retrying(attemptNumber, delay.count(), outcome.error->message);
        if (outcome.streamedSomething && observer)
            observer({ StreamDelta::Kind::Restart, {} });
        co_await QCoro::sleepFor(delay);
        if (!self)
            co_return result;
    }
}

QCoro::Task<LlmClient::AttemptOutcome> LlmClient::attempt(const CompletionRequest &request,
                                                          const StreamObserver &observer)
{
    QNetworkRequest networkRequest(m_config.endpoint());
    for (const auto &[name, value] : m_codec->headers(m_config))
        networkRequest.setRawHeader(name, value);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (request.stream)
        networkRequest.setRawHeader("Accept", "text/event-stream");
    networkRequest.setTransferTimeout(int(m_config.idleTimeout.count()));

    std::unique_ptr<QNetworkReply> reply(m_network->post(networkRequest, m_codec->encode(request)));
    AttemptOutcome outcome;
    QElapsedTimer elapsed;
    elapsed.start();

    // Wait for the status line before deciding how to read the body.
    while (!reply->isFinished() && !reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
        co_await qCoro(reply.get()).waitForReadyRead(m_config.idleTimeout);
        if (milliseconds { elapsed.elapsed() } > m_config.requestTimeout)
            break;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        outcome.error = reply->isFinished() && !endedByTimeout(reply.get())
            ? transportError(reply.get(), m_config)
            : timeoutError(m_config, u"no response headers"_s);
        reply->abort();
        co_return outcome;
    }
    if (status < 200 || status >= 300) {
        if (!reply->isFinished())
            co_await qCoro(reply.get()).waitForFinished(m_config.idleTimeout);
        outcome.error = errorForHttpStatus(status, reply->readAll(), m_config.name, request.model,
                                           m_config.baseUrl.toString());
        outcome.error->retryAfter =
            parseRetryAfter(reply->rawHeader("retry-after-ms"), reply->rawHeader("Retry-After"));
        co_return outcome;
    }

    const bool streamed =
        reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith("text/event-stream"_L1);
    if (!streamed) {
        if (!reply->isFinished())
            co_await qCoro(reply.get()).waitForFinished(m_config.requestTimeout);
        if (!reply->isFinished()) {
            outcome.error = timeoutError(m_config, u"the answer did not complete"_s);
            reply->abort();
            co_return outcome;
        }
        if (reply->error() != QNetworkReply::NoError) {
            outcome.error = endedByTimeout(reply.get()) ? timeoutError(m_config, u"the answer went quiet"_s)
                                                        : transportError(reply.get(), m_config);
            co_return outcome;
        }
        QString decodeError;
        outcome.completion = m_codec->decode(reply->readAll(), &decodeError);
        if (!outcome.completion)
            outcome.error = LlmError { LlmError::Kind::Protocol, status, decodeError, {}, std::nullopt };
        co_return outcome;
    }

    SseParser parser;
    const std::unique_ptr<StreamAccumulator> stream = m_codec->newStream();
    const StreamObserver trackingObserver = [&](const StreamDelta &delta) {
        outcome.streamedSomething = true;
        if (observer)
            observer(delta);
    };
    while (true) {
        if (reply->bytesAvailable() > 0) {
            for (const SseEvent &event : parser.feed(reply->readAll())) {
                if (auto error = stream->consume(event, trackingObserver)) {
                    outcome.error = std::move(error);
                    reply->abort();
                    co_return outcome;
                }
            }
            continue;
        }
        if (reply->isFinished() || stream->isComplete())
            break;
        if (milliseconds { elapsed.elapsed() } > m_config.requestTimeout) {
            outcome.error = timeoutError(m_config, u"the stream ran past the request timeout"_s);
            reply->abort();
            co_return outcome;
        }
        const bool ready = co_await qCoro(reply.get()).waitForReadyRead(m_config.idleTimeout);
        if (!ready && !reply->isFinished() && reply->bytesAvailable() == 0) {
            outcome.error = timeoutError(m_config, u"the stream went quiet"_s);
            reply->abort();
            co_return outcome;
        }
    }
    if (!stream->isComplete() && endedByTimeout(reply.get())) {
        outcome.error = timeoutError(m_config, u"the stream went quiet"_s);
        co_return outcome;
    }
    if (!stream->isComplete()) {
        outcome.error = LlmError {
            LlmError::Kind::Protocol,
            status,
            u"The stream from %1 ended before the answer was complete%2."_s.arg(
                m_config.name,
                reply->error() != QNetworkReply::NoError ? u" ("_s + reply->errorString() + u')' : QString()),
            {},
            std::nullopt
        };
        co_return outcome;
    }
    outcome.completion = stream->result();
    co_return outcome;
}

} // namespace delegate::llm
