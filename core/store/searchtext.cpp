// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/searchtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace delegate::SearchText {

namespace {

void collectStrings(const QJsonValue &value, QStringList &out)
{
    switch (value.type()) {
    case QJsonValue::String:
        out.append(value.toString());
        break;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            collectStrings(item, out);
        break;
    }
    case QJsonValue::Object: {
        // QJsonObject iterates in key order, the order of the canonical JSON
        // the store keeps.
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectStrings(it.value(), out);
        break;
    }
    default:
        break;
    }
}

} // namespace

QString ofPayload(QByteArrayView payloadJson)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payloadJson.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return QString::fromUtf8(payloadJson);
    QStringList strings;
    collectStrings(document.object(), strings);
    return strings.join(QLatin1Char(' '));
}

QString normalize(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool pendingSpace = false;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber()) {
            if (pendingSpace && !out.isEmpty())
                out.append(QLatin1Char(' '));
            pendingSpace = false;
            out.append(c.toLower());
        } else {
            pendingSpace = true;
        }
    }
    return out;
}

} // namespace delegate::SearchText
