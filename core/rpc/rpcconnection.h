// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpcidentity.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>

#include <optional>

class QWebSocket;

namespace delegate::rpc {

// One client of the RPC server. Notifications go out while the client keeps
// up; when it falls behind, they wait in a bounded queue where a newer
// notification with the same key replaces the older one (the latest state of
// a run is all a slow client needs), and past the bound the oldest are
// dropped and the client is told to resynchronise.
class RpcConnection final : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 highWaterBytes = 256 * 1024;
    static constexpr qsizetype maxQueued = 512;

    RpcConnection(QWebSocket *socket, quint64 id, QObject *parent = nullptr);
    ~RpcConnection() override;

    quint64 id() const { return m_id; }
    QWebSocket *socket() const { return m_socket; }

    const std::optional<Identity> &identity() const { return m_identity; }
    void setIdentity(Identity identity) { m_identity = std::move(identity); }

    void subscribe(const QStringList &topics);
    void unsubscribe(const QStringList &topics);
    bool isSubscribed(const QString &topic) const;

    void sendMessage(const QJsonObject &message);
    // coalesceKey: empty for notifications that must not replace each other.
    void notify(const QString &method, const QJsonObject &params, const QString &coalesceKey);

    qsizetype queuedNotifications() const { return m_queue.size(); }
    qint64 droppedNotifications() const { return m_dropped; }

private:
    struct Queued
    {
        QString key;
        QJsonObject message;
    };

    void flush();
    void write(const QJsonObject &message);

    QWebSocket *m_socket;
    quint64 m_id;
    std::optional<Identity> m_identity;
    QSet<QString> m_topics;
    qint64 m_inFlightBytes = 0;
    QList<Queued> m_queue;
    qint64 m_dropped = 0;
    qint64 m_droppedUnreported = 0;
};

} // namespace delegate::rpc
