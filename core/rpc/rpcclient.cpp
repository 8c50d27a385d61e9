// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcclient.h"

#include "protocol.h"

#include <QCoro/QCoroSignal>
#include <QCoro/QCoroWebSocket>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace delegate::rpc {

// One call awaiting its answer. It fires `answered` exactly once, with the
// reply or with the reason there will be none.
class PendingCall final : public QObject
{
    Q_OBJECT
public:
    RpcOutcome outcome;
    Q_SIGNAL void answered();
};

namespace {

// Built outside the coroutines: GCC 12 miscompiles braced QJsonObject
// initialiser lists inside co_await expressions.
QJsonObject authenticationParams(const QString &token)
{
    return { { u"token"_s, token },
             { u"protocol_version"_s, protocolVersion },
             { u"client"_s, u"delegate"_s } };
}

QJsonObject requestMessage(qint64 id, const QString &method, const QJsonObject &params)
{
    return { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"method"_s, method }, { u"params"_s, params } };
}

} // namespace

RpcClient::RpcClient(QObject *parent)
    : QObject(parent)
    , m_socket(new QWebSocket(u"delegate"_s, QWebSocketProtocol::VersionLatest, this))
{
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RpcClient::onText);
    connect(m_socket, &QWebSocket::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_disconnectReason =
            m_socket->closeReason().isEmpty() ? m_socket->errorString() : m_socket->closeReason();
        setState(State::Disconnected);
        const QList<PendingCall *> pending = m_pending.values();
        m_pending.clear();
        for (PendingCall *call : pending) {
            call->outcome = RpcOutcome::fail(
                Unavailable,
                u"The connection to the engine closed before the answer came%1."_s.arg(
                    m_disconnectReason.isEmpty() ? QString() : u": "_s + m_disconnectReason));
            Q_EMIT call->answered();
        }
    });
}

RpcClient::~RpcClient() = default;

void RpcClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QCoro::Task<RpcOutcome> RpcClient::connectTo(QUrl url, QString token, milliseconds timeout)
{
    QPointer<RpcClient> self(this);
    m_url = url;
    m_sslErrors.clear();
    setState(State::Connecting);
    const bool opened = co_await qCoro(m_socket).open(url, timeout);
    if (!self)
        co_return RpcOutcome::fail(Unavailable, u"The client was closed."_s);
    if (!opened) {
        const QString why = m_socket->errorString();
        m_socket->abort();
        setState(State::Disconnected);
        if (!m_sslErrors.isEmpty()) {
            QStringList problems;
            for (const QSslError &error : std::as_const(m_sslErrors))
                problems.append(error.errorString());
            co_return RpcOutcome::fail(
                Unavailable,
                u"The engine at %1 presented a TLS certificate this client does not trust (%2). If the team "
                "server's certificate comes from a private certificate authority, pass --ca FILE or set "
                "DELEGATE_CA to that authority's certificate; otherwise check the URL's host name."_s.arg(
                    url.toString(), problems.join(u"; "_s)));
        }
        co_return RpcOutcome::fail(
            Unavailable,
            u"Cannot reach the engine at %1: %2. Is delegated running?"_s.arg(url.toString(), why));
    }
    RpcOutcome outcome = co_await call(u"session.authenticate"_s, authenticationParams(token), timeout);
    if (!self)
        co_return RpcOutcome::fail(Unavailable, u"The client was closed."_s);
    if (outcome.error) {
        setState(State::Disconnected);
        co_return outcome;
    }
    const QJsonObject answer = outcome.result.toObject();
    m_identity.user = answer.value("user"_L1).toString();
    m_identity.role = enumFromString<Role>(answer.value("role"_L1).toString()).value_or(Role::Auditor);
    m_engineProtocol = answer.value("protocol_version"_L1).toInt();
    if (m_engineProtocol != protocolVersion) {
        disconnectFromEngine();
        co_return RpcOutcome::fail(
            Unavailable,
            u"The engine speaks protocol version %1 and this client %2; update the older one."_s
                .arg(m_engineProtocol)
                .arg(protocolVersion));
    }
    setState(State::Connected);
    co_return outcome;
}

void RpcClient::addTrustedCertificates(const QList<QSslCertificate> &certificates)
{
    QSslConfiguration tls = m_socket->sslConfiguration();
    tls.addCaCertificates(certificates);
    m_socket->setSslConfiguration(tls);
}

void RpcClient::disconnectFromEngine()
{
    m_socket->close();
    setState(State::Disconnected);
}

QCoro::Task<RpcOutcome> RpcClient::call(QString method, QJsonObject params, milliseconds timeout)
{
    QPointer<RpcClient> self(this);
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        co_return RpcOutcome::fail(
            Unavailable,
            u"Not connected to an engine%1."_s.arg(
                m_disconnectReason.isEmpty() ? QString() : u" ("_s + m_disconnectReason + u')'));
    }
    const qint64 id = m_nextId++;
    const QJsonObject request = requestMessage(id, method, params);
    auto *pending = new PendingCall;
    m_pending.insert(id, pending);
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));

    const bool answered = (co_await qCoro(pending, &PendingCall::answered, timeout)).has_value();
    RpcOutcome outcome = answered
        ? pending->outcome
        : RpcOutcome::fail(Unavailable,
                           u"The engine did not answer '%1' within %2 s."_s.arg(method).arg(
                               double(timeout.count()) / 1000.0));
    if (self)
        m_pending.remove(id);
    delete pending;
    co_return outcome;
}

QCoro::Task<RpcOutcome> RpcClient::subscribe(QStringList topics)
{
    return call(u"session.subscribe"_s, { { u"topics"_s, QJsonArray::fromStringList(topics) } });
}

void RpcClient::onText(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    if (message.contains("id"_L1) && (message.contains("result"_L1) || message.contains("error"_L1))) {
        PendingCall *pending = m_pending.take(message.value("id"_L1).toInteger());
        if (!pending)
            return; // its caller gave up waiting
        if (message.contains("error"_L1))
            pending->outcome.error = RpcError::fromJson(message.value("error"_L1).toObject());
        else
            pending->outcome.result = message.value("result"_L1);
        Q_EMIT pending->answered();
        return;
    }
    const QString method = message.value("method"_L1).toString();
    if (method == "notifications.dropped"_L1) {
        Q_EMIT resyncNeeded();
        return;
    }
    if (!method.isEmpty())
        Q_EMIT notificationReceived(method, message.value("params"_L1).toObject());
}

} // namespace delegate::rpc

#include "rpcclient.moc"
