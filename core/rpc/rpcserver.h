// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpcerror.h"
#include "rpcidentity.h"

#include <QCoro/QCoroTask>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>
#include <optional>

class QWebSocketServer;

namespace delegate::rpc {

class RpcConnection;

// Who called a method.
struct Caller
{
    Identity identity;
    quint64 connectionId = 0;
};

// JSON-RPC 2.0 over WebSocket. A client authenticates first with
// session.authenticate and its token; every other call before that is
// refused and the connection closed. Each method names the roles allowed to
// call it, and that is checked on every call.
class RpcServer final : public QObject
{
    Q_OBJECT

public:
    using Authenticator = std::function<std::optional<Identity>(const QString &token)>;
    using Handler = std::function<QCoro::Task<RpcOutcome>(QJsonObject params, Caller caller)>;

    explicit RpcServer(Authenticator authenticator, QObject *parent = nullptr);
    ~RpcServer() override;

    // Adds a listener; with a TLS configuration it speaks wss://. A team
    // server listens twice: plain ws:// on loopback for the local user's
    // clients, wss:// on the team's address.
    bool listen(const QHostAddress &address, quint16 port = 0,
                const std::optional<QSslConfiguration> &tls = std::nullopt);
    // The first listener's URL.
    QUrl url() const;
    QList<QUrl> urls() const;
    QString errorString() const;
    void close();

    void addMethod(const QString &name, QList<Role> allowed, Handler handler);
    QStringList methodsFor(Role role) const;

    // Sends a notification to every authenticated client subscribed to topic.
    void notify(const QString &topic, const QString &method, const QJsonObject &params,
                const QString &coalesceKey = {});

    // Sends a notification to one client, e.g. the progress of a call it made.
    void notifyConnection(quint64 connectionId, const QString &method, const QJsonObject &params,
                          const QString &coalesceKey = {});

    qsizetype connectionCount() const { return m_connections.size(); }
    QList<RpcConnection *> connections() const { return m_connections.values(); }

Q_SIGNALS:
    void clientAuthenticated(const QString &user);

private:
    struct Method
    {
        QList<Role> allowed;
        Handler handler;
    };

    void onNewConnection(QWebSocketServer *server);
    QCoro::Task<void> handleText(quint64 connectionId, QString text);
    RpcOutcome authenticate(RpcConnection *connection, const QJsonObject &params);

    Authenticator m_authenticator;
    QList<QWebSocketServer *> m_servers;
    QHash<QString, Method> m_methods;
    QHash<quint64, RpcConnection *> m_connections;
    quint64 m_nextConnectionId = 1;
    QString m_errorString;
};

} // namespace delegate::rpc
