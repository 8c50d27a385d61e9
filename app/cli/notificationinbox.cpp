// SPDX-License-Identifier: GPL-3.0-or-later
#include "notificationinbox.h"

#include "rpc/rpcclient.h"

#include <QCoreApplication>
#include <QPointer>

namespace delegate::cli {

NotificationInbox::NotificationInbox(rpc::RpcClient *client)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &NotificationInbox::wakeSoon);
    connect(client, &rpc::RpcClient::notificationReceived, this,
            [this](const QString &method, const QJsonObject &params) {
                m_waiting.append({ method, params });
                wakeSoon();
            });
    connect(client, &rpc::RpcClient::resyncNeeded, this, [this] {
        m_resync = true;
        wakeSoon();
    });
    // Whoever waits finds out at its next call that the engine is gone,
    // instead of waiting out its timeout first.
    connect(client, &rpc::RpcClient::stateChanged, this, [this](rpc::RpcClient::State state) {
        if (state == rpc::RpcClient::State::Disconnected) {
            m_resync = true;
            wakeSoon();
        }
    });
}

NotificationInbox::Wait NotificationInbox::waitForMore(std::chrono::milliseconds timeout)
{
    return Wait(this, timeout);
}

QList<NotificationInbox::Notification> NotificationInbox::take()
{
    return std::exchange(m_waiting, {});
}

bool NotificationInbox::takeResync()
{
    return std::exchange(m_resync, false);
}

// The waiter resumes from an event of the application object, never from
// inside the client's signal (it may close the client) or the timer's (it
// may destroy this inbox and its timer): whatever the waiter then destroys
// is not on the stack below it. Several wake-ups before it runs resume it
// once.
void NotificationInbox::wakeSoon()
{
    if (!m_waiter)
        return;
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [inbox = QPointer<NotificationInbox>(this)] {
            if (inbox)
                inbox->wake();
        },
        Qt::QueuedConnection);
}

void NotificationInbox::wake()
{
    if (!m_waiter)
        return;
    m_timeout.stop();
    // Nothing of this inbox is touched after the resume.
    std::exchange(m_waiter, {}).resume();
}

NotificationInbox::Wait::Wait(NotificationInbox *inbox, std::chrono::milliseconds timeout)
    : m_inbox(inbox)
    , m_timeout(timeout)
{ }

bool NotificationInbox::Wait::await_ready() const noexcept
{
    return m_inbox->hasNews();
}

void NotificationInbox::Wait::await_suspend(std::coroutine_handle<> waiter)
{
    m_inbox->m_waiter = waiter;
    m_inbox->m_timeout.start(m_timeout);
}

} // namespace delegate::cli
