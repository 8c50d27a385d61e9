// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/httpcall.h"

#include "version.h"

#include <QCoro/QCoroNetworkReply>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

const QString kMask = u"********"_s;

QString maskedHeader(const QByteArray &value)
{
    // Keep the scheme: a reviewer should see "Bearer" versus "token".
    const qsizetype space = value.indexOf(' ');
    if (space > 0)
        return QString::fromLatin1(value.left(space + 1)) + kMask;
    return kMask;
}

} // namespace

QString HttpCall::maskedUrl(const QUrl &url)
{
    QUrl shown = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    const QString path = shown.path();
    const qsizetype second = path.indexOf(u'/', 1);
    shown.setPath(second > 0 ? path.left(second + 1) : u"/"_s);
    return shown.toString() + kMask;
}

QByteArray HttpCall::userAgent()
{
    return QByteArray("Delegate/") + versionString;
}

QString HttpCall::displayUrl() const
{
    return urlIsSecret ? maskedUrl(url) : url.toString();
}

HttpRequestPreview HttpCall::preview() const
{
    HttpRequestPreview preview;
    preview.label = label;
    preview.method = QString::fromLatin1(method);
    preview.url = displayUrl();
    for (const auto &[name, value] : headers) {
        const bool secret =
            std::any_of(secretHeaders.cbegin(), secretHeaders.cend(),
                        [&](const QByteArray &s) { return s.compare(name, Qt::CaseInsensitive) == 0; });
        preview.headers.append(
            { QString::fromLatin1(name), secret ? maskedHeader(value) : QString::fromUtf8(value) });
    }
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isNull())
        preview.body = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    else
        preview.body = QString::fromUtf8(body);
    return preview;
}

QCoro::Task<HttpResponse> HttpCall::send(HttpCall call)
{
    HttpResponse response;
    // Declared before the reply, so the reply goes first.
    const auto network = std::make_unique<QNetworkAccessManager>();
    network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    QNetworkRequest request(call.url);
    for (const auto &[name, value] : std::as_const(call.headers))
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(int(call.timeout.count()));

    const std::unique_ptr<QNetworkReply> reply(network->sendCustomRequest(request, call.method, call.body));
    if (!reply->isFinished())
        co_await qCoro(reply.get()).waitForFinished(call.timeout);
    if (!reply->isFinished()) {
        reply->abort();
        response.outcome = HttpResponse::Outcome::TimedOut;
        co_return response;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && status.toInt() > 0) {
        response.outcome = HttpResponse::Outcome::Answered;
        response.status = status.toInt();
        response.body = reply->readAll();
        response.location = reply->rawHeader("Location");
        co_return response;
    }
    if (reply->error() == QNetworkReply::TimeoutError
        || reply->error() == QNetworkReply::OperationCanceledError) {
        response.outcome = HttpResponse::Outcome::TimedOut;
        co_return response;
    }
    response.outcome = HttpResponse::Outcome::Unreachable;
    response.networkError = reply->errorString();
    if (call.urlIsSecret)
        response.networkError.replace(call.url.toString(), maskedUrl(call.url));
    co_return response;
}

} // namespace delegate
