// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventrepository.h"

#include <QJsonDocument>

namespace delegate {

Event EventRepository::decode(const EncodedEvent &event, QByteArrayView hash)
{
    Event decoded;
    decoded.sequence = event.sequence;
    decoded.runId = QString::fromUtf8(event.runId);
    decoded.time = QDateTime::fromMSecsSinceEpoch(event.timeMs, Qt::UTC);
    decoded.actor = QString::fromUtf8(event.actor);
    decoded.kind = QString::fromUtf8(event.kind);
    decoded.payload = QJsonDocument::fromJson(event.payload.toByteArray()).object();
    decoded.prevHash = QString::fromLatin1(event.prevHash);
    decoded.hash = QString::fromLatin1(hash);
    return decoded;
}

} // namespace delegate
