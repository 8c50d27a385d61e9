// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcserver.h"

#include "protocol.h"
#include "rpcconnection.h"
#include "version.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace delegate::rpc {

namespace {

QJsonObject response(const QJsonValue &id, const RpcOutcome &outcome)
{
    QJsonObject message { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id } };
    if (outcome.error)
        message.insert(u"error"_s, outcome.error->toJson());
    else
        message.insert(u"result"_s,
                       outcome.result.isUndefined() ? QJsonValue(QJsonObject()) : outcome.result);
    return message;
}

QJsonObject errorResponse(const QJsonValue &id, int code, const QString &message)
{
    return response(id, RpcOutcome::fail(code, message));
}

} // namespace

RpcServer::RpcServer(Authenticator authenticator, QObject *parent)
    : QObject(parent)
    , m_authenticator(std::move(authenticator))
{ }

RpcServer::~RpcServer() = default;

bool RpcServer::listen(const QHostAddress &address, quint16 port, const std::optional<QSslConfiguration> &tls)
{
    auto *server = new QWebSocketServer(
        u"delegated"_s, tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (tls)
        server->setSslConfiguration(*tls);
    connect(server, &QWebSocketServer::newConnection, this, [this, server] { onNewConnection(server); });
    if (!server->listen(address, port)) {
        m_errorString =
            u"Cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(server->errorString());
        delete server;
        return false;
    }
    m_servers.append(server);
    return true;
}

QUrl RpcServer::url() const
{
    return m_servers.isEmpty() ? QUrl() : m_servers.first()->serverUrl();
}

QList<QUrl> RpcServer::urls() const
{
    QList<QUrl> urls;
    for (const QWebSocketServer *server : m_servers)
        urls.append(server->serverUrl());
    return urls;
}

QString RpcServer::errorString() const
{
    return m_errorString;
}

void RpcServer::close()
{
    for (QWebSocketServer *server : std::as_const(m_servers))
        server->close();
    for (RpcConnection *connection : std::as_const(m_connections))
        connection->socket()->close(QWebSocketProtocol::CloseCodeGoingAway,
                                    u"The engine is shutting down."_s);
}

void RpcServer::addMethod(const QString &name, QList<Role> allowed, Handler handler)
{
    m_methods.insert(name, { std::move(allowed), std::move(handler) });
}

QStringList RpcServer::methodsFor(Role role) const
{
    QStringList names;
    for (auto it = m_methods.cbegin(); it != m_methods.cend(); ++it) {
        if (it->allowed.contains(role))
            names.append(it.key());
    }
    names.sort();
    return names;
}

void RpcServer::notify(const QString &topic, const QString &method, const QJsonObject &params,
                       const QString &coalesceKey)
{
    for (RpcConnection *connection : std::as_const(m_connections)) {
        if (connection->identity() && connection->isSubscribed(topic))
            connection->notify(method, params, coalesceKey);
    }
}

void RpcServer::notifyConnection(quint64 connectionId, const QString &method, const QJsonObject &params,
                                 const QString &coalesceKey)
{
    RpcConnection *connection = m_connections.value(connectionId);
    if (connection && connection->identity())
        connection->notify(method, params, coalesceKey);
}

void RpcServer::onNewConnection(QWebSocketServer *server)
{
    while (QWebSocket *socket = server->nextPendingConnection()) {
        const quint64 id = m_nextConnectionId++;
        auto *connection = new RpcConnection(socket, id, this);
        m_connections.insert(id, connection);
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, id](const QString &text) { handleText(id, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, id] {
            if (RpcConnection *gone = m_connections.take(id))
                gone->deleteLater();
        });
    }
}

RpcOutcome RpcServer::authenticate(RpcConnection *connection, const QJsonObject &params)
{
    const std::optional<Identity> identity = m_authenticator(params.value("token"_L1).toString());
    if (!identity) {
        return RpcOutcome::fail(
            Unauthenticated,
            u"The token is missing or not valid. Local clients read it from the engine's token file; "
            "team members get one from 'delegatectl user add'."_s);
    }
    connection->setIdentity(*identity);
    Q_EMIT clientAuthenticated(identity->user);
    return RpcOutcome::ok(
        QJsonObject { { u"user"_s, identity->user },
                      { u"role"_s, enumToString(identity->role) },
                      { u"protocol_version"_s, protocolVersion },
                      { u"engine_version"_s, QLatin1String(versionString) },
                      { u"methods"_s, QJsonArray::fromStringList(methodsFor(identity->role)) } });
}

QCoro::Task<void> RpcServer::handleText(quint64 connectionId, QString text)
{
    QPointer<RpcConnection> connection = m_connections.value(connectionId);
    if (!connection)
        co_return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        connection->sendMessage(
            errorResponse(QJsonValue::Null, ParseError, u"Not JSON: "_s + parseError.errorString()));
        co_return;
    }
    if (!document.isObject()) {
        connection->sendMessage(
            errorResponse(QJsonValue::Null, InvalidRequest,
                          u"Send one JSON-RPC request object per message; batches are not supported."_s));
        co_return;
    }
    const QJsonObject request = document.object();
    const QJsonValue id = request.value("id"_L1);
    const QString method = request.value("method"_L1).toString();
    if (request.value("jsonrpc"_L1).toString() != "2.0"_L1 || method.isEmpty()) {
        connection->sendMessage(
            errorResponse(id, InvalidRequest, u"A request needs \"jsonrpc\": \"2.0\" and a \"method\"."_s));
        co_return;
    }
    const QJsonValue paramsValue = request.value("params"_L1);
    if (!paramsValue.isUndefined() && !paramsValue.isObject()) {
        connection->sendMessage(
            errorResponse(id, InvalidParams, u"params must be an object of named parameters."_s));
        co_return;
    }
    const QJsonObject params = paramsValue.toObject();

    if (method == "session.authenticate"_L1) {
        const RpcOutcome outcome = authenticate(connection, params);
        connection->sendMessage(response(id, outcome));
        if (outcome.error)
            connection->socket()->close(QWebSocketProtocol::CloseCodePolicyViolated, u"unauthenticated"_s);
        co_return;
    }
    if (!connection->identity()) {
        connection->sendMessage(errorResponse(
            id, Unauthenticated, u"Authenticate first with session.authenticate and a token."_s));
        connection->socket()->close(QWebSocketProtocol::CloseCodePolicyViolated, u"unauthenticated"_s);
        co_return;
    }
    const Identity identity = *connection->identity();
    if (method == "session.subscribe"_L1 || method == "session.unsubscribe"_L1) {
        QStringList topics;
        const QJsonArray values = params.value("topics"_L1).toArray();
        for (const QJsonValue &topic : values)
            topics.append(topic.toString());
        if (method == "session.subscribe"_L1)
            connection->subscribe(topics);
        else
            connection->unsubscribe(topics);
        connection->sendMessage(response(id, RpcOutcome::ok()));
        co_return;
    }
    const auto found = m_methods.constFind(method);
    if (found == m_methods.cend()) {
        connection->sendMessage(errorResponse(id, MethodNotFound, u"There is no method '%1'."_s.arg(method)));
        co_return;
    }
    if (!found->allowed.contains(identity.role)) {
        connection->sendMessage(errorResponse(
            id, Forbidden, u"The role '%1' may not call '%2'."_s.arg(enumToString(identity.role), method)));
        co_return;
    }
    const Handler handler = found->handler;
    // A named caller: GCC 12 destroys a braced temporary passed to a
    // coroutine twice once the callee suspends.
    const Caller caller { identity, connectionId };
    const RpcOutcome outcome = co_await handler(params, caller);
    // Notifications (no id) get no answer; the client may have gone meanwhile.
    if (connection && !id.isUndefined())
        connection->sendMessage(response(id, outcome));
}

} // namespace delegate::rpc
