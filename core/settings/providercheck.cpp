// SPDX-License-Identifier: GPL-3.0-or-later
#include "providercheck.h"

#include "agents/llm/dialectcodec.h"

#include <QCoro/QCoroNetworkReply>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

// The provider's own words from an error body: both dialects nest them under
// error.message.
QString providerSaid(const QByteArray &body)
{
    const llm::LlmError parsed = llm::errorForHttpStatus(0, body, {}, {}, {});
    return parsed.providerMessage.isEmpty() ? QString()
                                            : u" The server said: \"%1\""_s.arg(parsed.providerMessage);
}

QString hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == "https"_L1 ? 443 : 80);
    return u"%1:%2"_s.arg(url.host()).arg(port);
}

ProviderVerdict transportVerdict(const QNetworkReply &reply, const QUrl &url,
                                 std::chrono::milliseconds timeout)
{
    ProviderVerdict verdict;
    const QNetworkReply::NetworkError error = reply.error();
    if (error == QNetworkReply::HostNotFoundError) {
        verdict.outcome = ProviderVerdict::Outcome::HostNotFound;
        verdict.message = u"The host '%1' could not be found (DNS). Check the spelling of the base URL, "
                          "or the network connection."_s.arg(url.host());
    } else if (error == QNetworkReply::ConnectionRefusedError) {
        verdict.outcome = ProviderVerdict::Outcome::ConnectionRefused;
        verdict.message = u"Nothing accepts connections at %1 (connection refused). Check the port in the "
                          "base URL and that the server is running (a local Ollama starts with "
                          "'ollama serve')."_s.arg(hostAndPort(url));
    } else if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError) {
        verdict.outcome = ProviderVerdict::Outcome::TimedOut;
        verdict.message = u"%1 did not answer within %2 s. The server may be busy or still loading the "
                          "model, or a firewall drops the connection; try again, or check the address."_s
                              .arg(hostAndPort(url))
                              .arg(double(timeout.count()) / 1000.0);
    } else if (url.scheme() == "https"_L1
               && (error == QNetworkReply::SslHandshakeFailedError
                   || error == QNetworkReply::RemoteHostClosedError
                   || error == QNetworkReply::UnknownNetworkError)) {
        // A plain-HTTP server answers a TLS hello with garbage or by closing.
        verdict.outcome = ProviderVerdict::Outcome::Tls;
        verdict.message =
            u"The secure (TLS) connection to %1 failed: %2. If the server speaks plain HTTP, as local "
            "servers usually do, write http:// in the base URL; otherwise check its certificate."_s.arg(
                hostAndPort(url), reply.errorString());
    } else {
        verdict.outcome = ProviderVerdict::Outcome::Failed;
        verdict.message = u"The request to %1 failed: %2."_s.arg(url.toString(), reply.errorString());
    }
    return verdict;
}

ProviderVerdict statusVerdict(int status, const QByteArray &body, const ProviderSetting &provider,
                              const QString &model, const QUrl &url)
{
    ProviderVerdict verdict;
    verdict.httpStatus = status;
    const QString said = providerSaid(body);
    const QString modelText = model.isEmpty() ? u"the models listing"_s : u"model '%1'"_s.arg(model);
    switch (status) {
    case 401:
        verdict.outcome = ProviderVerdict::Outcome::KeyRejected;
        verdict.message = u"The API key was not accepted (HTTP 401).%1 Paste the key again, or create a new "
                          "one in the provider's console."_s.arg(said);
        break;
    case 403:
        verdict.outcome = ProviderVerdict::Outcome::Forbidden;
        verdict.message =
            u"The key was recognised but may not use %1 (HTTP 403).%2 Check the key's permissions "
            "and the account's access, or choose another model."_s.arg(modelText, said);
        break;
    case 404: {
        verdict.outcome = ProviderVerdict::Outcome::NotFound;
        const QString hint = provider.kind == ProviderSetting::Kind::OpenAiCompatible
            ? u" OpenAI-compatible base URLs usually end in /v1 (Ollama: http://127.0.0.1:11434/v1)."_s
            : u" Anthropic's base URL is https://api.anthropic.com, without /v1."_s;
        verdict.message =
            u"Nothing was found at %1 (HTTP 404).%2 Either the base URL is wrong or %3 does not "
            "exist there.%4"_s.arg(url.toString(), said, modelText, hint);
        break;
    }
    default:
        verdict.outcome = ProviderVerdict::Outcome::Failed;
        verdict.message = status >= 500
            ? u"The server failed (HTTP %1).%2 The provider may be having trouble; try again later."_s
                  .arg(status)
                  .arg(said)
            : u"The server refused the request (HTTP %1).%2"_s.arg(status).arg(said);
        break;
    }
    return verdict;
}

QUrl modelsUrl(const ProviderSetting &provider, const QUrl &base)
{
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    path += provider.kind == ProviderSetting::Kind::Anthropic ? u"/v1/models"_s : u"/models"_s;
    url.setPath(path);
    return url;
}

} // namespace

QCoro::Task<ProviderVerdict> ProviderCheck::run(ProviderSetting provider, QString apiKey, QString model,
                                                std::chrono::milliseconds timeout)
{
    if (model.isEmpty())
        model = provider.defaultModel();
    const llm::ProviderConfig config = provider.toConfig(apiKey);
    const std::unique_ptr<llm::DialectCodec> codec = llm::DialectCodec::create(config.dialect);
    const QUrl url = model.isEmpty() ? modelsUrl(provider, config.baseUrl) : config.endpoint();

    QNetworkAccessManager network;
    QNetworkRequest request(url);
    for (const auto &[name, value] : codec->headers(config))
        request.setRawHeader(name, value);
    request.setTransferTimeout(int(timeout.count()));
    std::unique_ptr<QNetworkReply> reply;
    if (model.isEmpty()) {
        reply.reset(network.get(request));
    } else {
        llm::CompletionRequest completion;
        completion.model = model;
        completion.messages.append(llm::ChatMessage::user(u"Reply with the word OK."_s));
        completion.maxTokens = 1;
        completion.stream = false;
        reply.reset(network.post(request, codec->encode(completion)));
    }
    QElapsedTimer elapsed;
    elapsed.start();
    co_await qCoro(reply.get()).waitForFinished(timeout + std::chrono::seconds(5));

    ProviderVerdict verdict;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QByteArray body = reply->isFinished() && reply->isOpen() ? reply->readAll() : QByteArray();
    if (!reply->isFinished()) {
        reply->abort();
        verdict = transportVerdict(*reply, url, timeout);
    } else if (!status.isValid()) {
        verdict = transportVerdict(*reply, url, timeout);
    } else if (status.toInt() != 200) {
        verdict = statusVerdict(status.toInt(), body, provider, model, url);
    } else if (model.isEmpty()) {
        const QJsonArray models = QJsonDocument::fromJson(body).object().value("data"_L1).toArray();
        verdict.outcome = ProviderVerdict::Outcome::Connected;
        verdict.message = u"Connected: the server lists %1 model(s). Add the models tasks should use to "
                          "this provider."_s.arg(models.size());
    } else {
        QString error;
        if (codec->decode(body, &error)) {
            verdict.outcome = ProviderVerdict::Outcome::Connected;
            verdict.message = u"Connected: model '%1' answered in %2 ms."_s.arg(model).arg(elapsed.elapsed());
        } else {
            verdict.outcome = ProviderVerdict::Outcome::Failed;
            verdict.message = u"%1 answered, but not as a %2 provider does (%3). Check the provider's kind "
                              "and base URL."_s.arg(url.toString(),
                                                    provider.kind == ProviderSetting::Kind::Anthropic
                                                        ? u"Anthropic"_s
                                                        : u"OpenAI-compatible"_s,
                                                    error);
        }
    }
    verdict.checkedUrl = url.toString();
    if (verdict.httpStatus == 0 && status.isValid())
        verdict.httpStatus = status.toInt();
    co_return verdict;
}

} // namespace delegate
