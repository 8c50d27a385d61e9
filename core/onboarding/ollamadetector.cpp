// SPDX-License-Identifier: GPL-3.0-or-later
#include "ollamadetector.h"

#include <QCoro/QCoroNetworkReply>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace delegate {

QCoro::Task<OllamaStatus> OllamaDetector::detect(QUrl url, std::chrono::milliseconds timeout)
{
    OllamaStatus status;
    QUrl tags = url;
    tags.setPath(u"/api/tags"_s);
    status.baseUrl = url;
    status.baseUrl.setPath(u"/v1"_s);
    const QString where = u"%1:%2"_s.arg(url.host()).arg(url.port(11434));

    QNetworkAccessManager network;
    QNetworkRequest request(tags);
    request.setTransferTimeout(int(timeout.count()));
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    co_await qCoro(reply.get()).waitForFinished(timeout + std::chrono::seconds(1));
    if (!reply->isFinished()) {
        reply->abort();
        status.message = u"Something at %1 accepted the connection but did not answer."_s.arg(where);
        co_return status;
    }
    if (reply->error() != QNetworkReply::NoError) {
        status.message = reply->error() == QNetworkReply::ConnectionRefusedError
            ? u"No Ollama runs at %1. Install it from ollama.com and start it with 'ollama serve' to run "
              "models on this machine."_s.arg(where)
            : u"No Ollama answered at %1 (%2)."_s.arg(where, reply->errorString());
        co_return status;
    }
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
    if (!document.isObject() || !document.object().value("models"_L1).isArray()) {
        status.message = u"The server at %1 is not Ollama: /api/tags did not list models."_s.arg(where);
        co_return status;
    }
    status.running = true;
    const QJsonArray models = document.object().value("models"_L1).toArray();
    for (const QJsonValue &model : models)
        status.models.append(model.toObject().value("name"_L1).toString());
    status.message = status.models.isEmpty()
        ? u"Ollama runs at %1 but has no models yet: pull one, such as 'ollama pull qwen2.5-coder'."_s.arg(
            where)
        : u"Ollama runs at %1 with %2."_s.arg(where, status.models.join(u", "_s));
    co_return status;
}

} // namespace delegate
