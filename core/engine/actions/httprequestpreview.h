// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace delegate {

// One HTTP request exactly as an action would send it, with every secret
// masked: what a reviewer approves is what goes over the wire.
struct HttpRequestPreview
{
    QString label; // what the request is for, e.g. "draft 2: Flaky login test"
    QString method;
    QString url; // masked when the URL itself is the credential (a webhook)
    QList<QPair<QString, QString>> headers;
    QJsonValue body; // the JSON body, or its text when it is not JSON

    QString header(const QString &name) const;
    QJsonObject toJson() const;
};

} // namespace delegate
