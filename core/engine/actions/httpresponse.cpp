// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/httpresponse.h"

#include <QJsonDocument>

namespace delegate {

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpResponse::excerpt() const
{
    constexpr qsizetype limit = 300;
    QString text = QString::fromUtf8(body).simplified();
    if (text.size() > limit)
        text = text.left(limit) + QStringLiteral("…");
    return text;
}

} // namespace delegate
