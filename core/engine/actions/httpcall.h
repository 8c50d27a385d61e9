// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/httprequestpreview.h"
#include "engine/actions/httpresponse.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <QCoro/QCoroTask>

#include <chrono>

namespace delegate {

// One HTTP request an action sends: built once, shown masked in the preview
// and sent as is by execute, so the two cannot drift apart.
struct HttpCall
{
    QString label;
    QByteArray method = "POST";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QByteArray> secretHeaders; // values masked in previews
    bool urlIsSecret = false; // a webhook URL is its own credential
    std::chrono::milliseconds timeout { std::chrono::seconds(30) };

    HttpRequestPreview preview() const;
    // The URL as messages and previews may show it.
    QString displayUrl() const;

    // Sends the request with its own network access manager, so nothing of
    // the caller needs to outlive the await. Never throws; redirects are not
    // followed (a token must not travel to another host).
    static QCoro::Task<HttpResponse> send(HttpCall call);

    static QString maskedUrl(const QUrl &url);
    // "Delegate/<version>": GitHub refuses requests without a User-Agent.
    static QByteArray userAgent();
};

} // namespace delegate
