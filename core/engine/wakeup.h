// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <coroutine>
#include <memory>

namespace delegate {

// Lets coroutines sleep until something may have changed, or a timeout
// passes: wakeAll() resumes every sleeper once, on the next turn of the
// context's event loop. Unlike awaiting a signal, waking twice before the
// sleepers run resumes each of them only once.
class Wakeup final
{
public:
    class Awaiter
    {
    public:
        Awaiter(Wakeup *wakeup, std::chrono::milliseconds timeout);
        Awaiter(Awaiter &&) = default;
        ~Awaiter();

        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> sleeping);
        void await_resume() noexcept { }

    private:
        friend class Wakeup;
        void detach();

        Wakeup *m_wakeup;
        std::chrono::milliseconds m_timeout;
        std::unique_ptr<QTimer> m_timer;
        std::coroutine_handle<> m_sleeping;
    };

    explicit Wakeup(QObject *context)
        : m_context(context)
    { }
    Q_DISABLE_COPY_MOVE(Wakeup)
    ~Wakeup();

    Awaiter sleep(std::chrono::milliseconds timeout) { return Awaiter(this, timeout); }
    void wakeAll();

private:
    QPointer<QObject> m_context;
    QList<Awaiter *> m_sleeping;
};

} // namespace delegate
