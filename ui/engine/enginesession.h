// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpc/engineconnector.h"
#include "rpc/rpcclient.h"

#include <QCoro/QCoroTask>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace delegate::ui {

// One engine the GUI is connected to — the local one or a team server —
// through the RPC client, the only way the GUI reaches an engine. It
// connects (starting the local daemon when none runs), subscribes to run
// and checkpoint changes, and reconnects with a growing pause when the
// connection drops. After each (re)connection it says `ready`, and views
// reload what they show.
class EngineSession final : public QObject
{
    Q_OBJECT

public:
    enum class Status { Disconnected, Connecting, Connected };
    Q_ENUM(Status)

    EngineSession(QString name, rpc::ConnectOptions options, QObject *parent = nullptr);
    ~EngineSession() override;

    QString name() const { return m_name; }
    Status status() const { return m_status; }
    // What the user should know: who they are on it, or why it is not connected.
    QString statusText() const { return m_statusText; }
    const rpc::Identity &identity() const { return m_client->identity(); }
    bool isConnected() const { return m_status == Status::Connected; }

    void start();
    void stop();

    // Fails at once, with a message, when not connected.
    QCoro::Task<rpc::RpcOutcome> call(QString method, QJsonObject params = {},
                                      std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Topics beyond "runs" and "checkpoints" (e.g. "events:<run id>"); kept
    // across reconnections.
    void subscribe(const QString &topic);
    void unsubscribe(const QString &topic);

    rpc::RpcClient *client() const { return m_client; }

Q_SIGNALS:
    void statusChanged(delegate::ui::EngineSession::Status status);
    void ready();
    void notificationReceived(const QString &method, const QJsonObject &params);
    // Notifications were dropped: reload.
    void resyncNeeded();

private:
    QCoro::Task<void> connectOnce();
    void setStatus(Status status, const QString &text);
    void scheduleReconnect();

    QString m_name;
    rpc::ConnectOptions m_options;
    rpc::RpcClient *m_client;
    QTimer m_reconnect;
    Status m_status = Status::Disconnected;
    QString m_statusText;
    QStringList m_topics;
    int m_failures = 0;
    bool m_wanted = false;
    bool m_connecting = false;
};

} // namespace delegate::ui
