// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/httprequestpreview.h"

using namespace Qt::StringLiterals;

namespace delegate {

QString HttpRequestPreview::header(const QString &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject HttpRequestPreview::toJson() const
{
    QJsonObject headerObject;
    for (const auto &[key, value] : headers)
        headerObject.insert(key, value);
    QJsonObject json {
        { u"method"_s, method },
        { u"url"_s, url },
        { u"headers"_s, headerObject },
        { u"body"_s, body },
    };
    if (!label.isEmpty())
        json.insert(u"label"_s, label);
    return json;
}

} // namespace delegate
