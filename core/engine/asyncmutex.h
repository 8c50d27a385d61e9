// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>

#include <coroutine>
#include <deque>

namespace delegate {

// Lets one coroutine at a time through a section that awaits, such as
// "check the run's state, then record the change": without it, two commands
// could both pass the check before either change is durable. Waiters go
// through in arrival order. A waiter is resumed from the context object's
// event loop, never from inside another coroutine's unlock; when the context
// is destroyed, waiters are never resumed (the engine went away).
class AsyncMutex final
{
public:
    class [[nodiscard]] Guard
    {
    public:
        explicit Guard(AsyncMutex *mutex)
            : m_mutex(mutex)
        { }
        Guard(Guard &&other) noexcept
            : m_mutex(std::exchange(other.m_mutex, nullptr))
        { }
        Guard &operator=(Guard &&) = delete;
        ~Guard()
        {
            if (m_mutex)
                m_mutex->unlock();
        }

    private:
        AsyncMutex *m_mutex;
    };

    class Awaiter
    {
    public:
        explicit Awaiter(AsyncMutex *mutex)
            : m_mutex(mutex)
        { }
        bool await_ready() const noexcept;
        void await_suspend(std::coroutine_handle<> waiting);
        Guard await_resume() noexcept { return Guard(m_mutex); }

    private:
        AsyncMutex *m_mutex;
    };

    explicit AsyncMutex(QObject *context)
        : m_context(context)
    { }
    Q_DISABLE_COPY_MOVE(AsyncMutex)

    Awaiter lock() { return Awaiter(this); }
    bool isLocked() const { return m_locked; }

private:
    void unlock();

    QPointer<QObject> m_context;
    bool m_locked = false;
    std::deque<std::coroutine_handle<>> m_waiting;
};

} // namespace delegate
