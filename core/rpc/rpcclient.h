// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpcerror.h"
#include "rpcidentity.h"

#include <QCoro/QCoroTask>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSslError>
#include <QStringList>
#include <QUrl>

#include <chrono>

class QWebSocket;

namespace delegate::rpc {

// The one way the GUI and the CLI talk to an engine, local or a team
// server. Calls are coroutines with a timeout; notifications arrive as
// signals.
class PendingCall;

class RpcClient final : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected };
    Q_ENUM(State)

    explicit RpcClient(QObject *parent = nullptr);
    ~RpcClient() override;

    // Opens the connection and authenticates; the outcome carries the
    // engine's answer (user, role, protocol version) or why it failed.
    QCoro::Task<RpcOutcome> connectTo(QUrl url, QString token,
                                      std::chrono::milliseconds timeout = std::chrono::seconds { 10 });
    void disconnectFromEngine();
    // Certificates to trust for wss:// beside the system's: a team server's
    // private certificate authority.
    void addTrustedCertificates(const QList<QSslCertificate> &certificates);

    QCoro::Task<RpcOutcome> call(QString method, QJsonObject params = {},
                                 std::chrono::milliseconds timeout = std::chrono::seconds { 30 });
    QCoro::Task<RpcOutcome> subscribe(QStringList topics);

    State state() const { return m_state; }
    const Identity &identity() const { return m_identity; }
    int engineProtocolVersion() const { return m_engineProtocol; }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    void notificationReceived(const QString &method, const QJsonObject &params);
    void stateChanged(delegate::rpc::RpcClient::State state);
    // The engine dropped notifications because this client fell behind:
    // reload what is shown.
    void resyncNeeded();

private:
    void setState(State state);
    void onText(const QString &text);

    QWebSocket *m_socket;
    State m_state = State::Disconnected;
    QUrl m_url;
    Identity m_identity;
    int m_engineProtocol = 0;
    qint64 m_nextId = 1;
    QHash<qint64, PendingCall *> m_pending;
    QString m_disconnectReason;
    // Why the last TLS handshake failed, for a message that says what to do.
    QList<QSslError> m_sslErrors;
};

} // namespace delegate::rpc
