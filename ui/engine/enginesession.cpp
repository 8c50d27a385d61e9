// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginesession.h"

#include "domain/enumnames.h"

#include <QJsonArray>
#include <QPointer>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace delegate::ui {

namespace {

// 1 s, 2 s, 4 s … at most 30 s between attempts.
milliseconds reconnectPause(int failures)
{
    return milliseconds(std::min(30000, 1000 << std::min(failures, 5)));
}

} // namespace

EngineSession::EngineSession(QString name, rpc::ConnectOptions options, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_options(std::move(options))
    , m_client(new rpc::RpcClient(this))
    , m_statusText(tr("Not connected"))
    , m_topics { u"runs"_s, u"checkpoints"_s }
{
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] { QCoro::connect(connectOnce(), this, [] {}); });
    connect(m_client, &rpc::RpcClient::notificationReceived, this, &EngineSession::notificationReceived);
    connect(m_client, &rpc::RpcClient::resyncNeeded, this, &EngineSession::resyncNeeded);
    connect(m_client, &rpc::RpcClient::stateChanged, this, [this](rpc::RpcClient::State state) {
        if (state != rpc::RpcClient::State::Disconnected || m_connecting || m_status != Status::Connected)
            return;
        setStatus(Status::Disconnected, tr("The connection to the engine was lost; reconnecting…"));
        scheduleReconnect();
    });
}

EngineSession::~EngineSession() = default;

void EngineSession::start()
{
    m_wanted = true;
    m_failures = 0;
    if (!m_connecting && m_status != Status::Connected)
        QCoro::connect(connectOnce(), this, [] {});
}

void EngineSession::stop()
{
    m_wanted = false;
    m_reconnect.stop();
    m_client->disconnectFromEngine();
    setStatus(Status::Disconnected, tr("Not connected"));
}

void EngineSession::setStatus(Status status, const QString &text)
{
    m_statusText = text;
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

void EngineSession::scheduleReconnect()
{
    if (m_wanted)
        m_reconnect.start(reconnectPause(m_failures++));
}

QCoro::Task<void> EngineSession::connectOnce()
{
    QPointer<EngineSession> self(this);
    m_connecting = true;
    setStatus(Status::Connecting, tr("Connecting…"));
    const rpc::RpcOutcome outcome = co_await rpc::connectToEngine(m_client, m_options);
    if (!self)
        co_return;
    m_connecting = false;
    if (!m_wanted) {
        m_client->disconnectFromEngine();
        co_return;
    }
    if (outcome.error) {
        setStatus(Status::Disconnected, outcome.error->message);
        // A refused token does not get better by trying again.
        if (outcome.error->code != rpc::Unauthenticated)
            scheduleReconnect();
        co_return;
    }
    const rpc::RpcOutcome subscribed = co_await m_client->subscribe(m_topics);
    if (!self)
        co_return;
    if (subscribed.error) {
        setStatus(Status::Disconnected, subscribed.error->message);
        scheduleReconnect();
        co_return;
    }
    m_failures = 0;
    setStatus(Status::Connected,
              tr("Connected as %1 (%2)").arg(identity().user, enumToString(identity().role)));
    Q_EMIT ready();
}

QCoro::Task<rpc::RpcOutcome> EngineSession::call(QString method, QJsonObject params, milliseconds timeout)
{
    if (!isConnected())
        co_return rpc::RpcOutcome::fail(rpc::Unavailable,
                                        tr("%1 is not connected: %2").arg(m_name, m_statusText));
    co_return co_await m_client->call(std::move(method), std::move(params), timeout);
}

void EngineSession::subscribe(const QString &topic)
{
    if (m_topics.contains(topic))
        return;
    m_topics.append(topic);
    if (isConnected()) {
        const QStringList topics { topic };
        QCoro::connect(m_client->subscribe(topics), this, [](const rpc::RpcOutcome &) {});
    }
}

void EngineSession::unsubscribe(const QString &topic)
{
    if (!m_topics.removeOne(topic) || !isConnected())
        return;
    const QJsonObject params { { u"topics"_s, QJsonArray { topic } } };
    QCoro::connect(m_client->call(u"session.unsubscribe"_s, params), this, [](const rpc::RpcOutcome &) {});
}

} // namespace delegate::ui
