// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <coroutine>

namespace delegate::rpc {
class RpcClient;
}

namespace delegate::cli {

// Keeps the notifications a client receives until a command reads them, so
// a command that is busy with a call in between misses none. Make it before
// subscribing, and keep it on the waiting coroutine's frame.
class NotificationInbox final : public QObject
{
    Q_OBJECT

public:
    struct Notification
    {
        QString method;
        QJsonObject params;
    };

    // co_await inbox.waitForMore(timeout): returns at once when something is
    // waiting; otherwise when something arrives or the timeout passes.
    class Wait
    {
    public:
        bool await_ready() const noexcept;
        void await_suspend(std::coroutine_handle<> waiter);
        void await_resume() const noexcept { }

    private:
        friend class NotificationInbox;
        Wait(NotificationInbox *inbox, std::chrono::milliseconds timeout);

        NotificationInbox *m_inbox;
        std::chrono::milliseconds m_timeout;
    };

    explicit NotificationInbox(rpc::RpcClient *client);

    Wait waitForMore(std::chrono::milliseconds timeout);
    QList<Notification> take();
    // Whether the engine dropped notifications for this client, or the
    // connection closed, since the last call: what is shown must be reloaded.
    bool takeResync();

private:
    bool hasNews() const { return !m_waiting.isEmpty() || m_resync; }
    void wakeSoon();
    void wake();

    QList<Notification> m_waiting;
    bool m_resync = false;
    QTimer m_timeout;
    std::coroutine_handle<> m_waiter;
};

} // namespace delegate::cli
