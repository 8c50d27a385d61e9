// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceerror.h"

namespace delegate {

QString SourceError::toString() const
{
    QString text = file;
    if (line > 0) {
        text += u':' + QString::number(line);
        if (column > 0)
            text += u':' + QString::number(column);
    }
    text += QLatin1String(": ");
    if (!path.isEmpty())
        text += path + QLatin1String(": ");
    return text + message;
}

QJsonObject SourceError::toJson() const
{
    QJsonObject json {
        { QLatin1String("file"), file },
        { QLatin1String("message"), message },
    };
    if (line > 0)
        json.insert(QLatin1String("line"), line);
    if (column > 0)
        json.insert(QLatin1String("column"), column);
    if (!path.isEmpty())
        json.insert(QLatin1String("path"), path);
    return json;
}

} // namespace delegate
