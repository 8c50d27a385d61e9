// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcconnection.h"

#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace delegate::rpc {

RpcConnection::RpcConnection(QWebSocket *socket, quint64 id, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_id(id)
{
    m_socket->setParent(this);
    connect(m_socket, &QWebSocket::bytesWritten, this, [this](qint64 bytes) {
        m_inFlightBytes = std::max<qint64>(0, m_inFlightBytes - bytes);
        flush();
    });
}

RpcConnection::~RpcConnection() = default;

void RpcConnection::subscribe(const QStringList &topics)
{
    for (const QString &topic : topics)
        m_topics.insert(topic);
}

void RpcConnection::unsubscribe(const QStringList &topics)
{
    for (const QString &topic : topics)
        m_topics.remove(topic);
}

bool RpcConnection::isSubscribed(const QString &topic) const
{
    return m_topics.contains(topic);
}

void RpcConnection::sendMessage(const QJsonObject &message)
{
    // Replies are never queued behind notifications or dropped.
    write(message);
}

void RpcConnection::notify(const QString &method, const QJsonObject &params, const QString &coalesceKey)
{
    const QJsonObject message { { u"jsonrpc"_s, u"2.0"_s },
                                { u"method"_s, method },
                                { u"params"_s, params } };
    if (m_queue.isEmpty() && m_inFlightBytes < highWaterBytes) {
        write(message);
        return;
    }
    if (!coalesceKey.isEmpty()) {
        for (Queued &queued : m_queue) {
            if (queued.key == coalesceKey) {
                queued.message = message;
                return;
            }
        }
    }
    if (m_queue.size() >= maxQueued) {
        m_queue.removeFirst();
        ++m_dropped;
        ++m_droppedUnreported;
    }
    m_queue.append({ coalesceKey, message });
}

void RpcConnection::flush()
{
    if (m_droppedUnreported > 0 && m_inFlightBytes < highWaterBytes) {
        write({ { u"jsonrpc"_s, u"2.0"_s },
                { u"method"_s, u"notifications.dropped"_s },
                { u"params"_s, QJsonObject { { u"count"_s, m_droppedUnreported } } } });
        m_droppedUnreported = 0;
    }
    while (!m_queue.isEmpty() && m_inFlightBytes < highWaterBytes)
        write(m_queue.takeFirst().message);
}

void RpcConnection::write(const QJsonObject &message)
{
    const QByteArray text = QJsonDocument(message).toJson(QJsonDocument::Compact);
    m_inFlightBytes += text.size();
    m_socket->sendTextMessage(QString::fromUtf8(text));
}

} // namespace delegate::rpc
