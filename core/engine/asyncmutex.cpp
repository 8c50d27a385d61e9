// SPDX-License-Identifier: GPL-3.0-or-later
#include "asyncmutex.h"

#include <QMetaObject>

namespace delegate {

bool AsyncMutex::Awaiter::await_ready() const noexcept
{
    if (m_mutex->m_locked)
        return false;
    m_mutex->m_locked = true;
    return true;
}

void AsyncMutex::Awaiter::await_suspend(std::coroutine_handle<> waiting)
{
    m_mutex->m_waiting.push_back(waiting);
}

void AsyncMutex::unlock()
{
    if (m_waiting.empty() || !m_context) {
        m_locked = false;
        return;
    }
    // The lock passes straight to the next waiter, so nobody can slip in
    // between; it runs on the next turn of the event loop.
    const std::coroutine_handle<> next = m_waiting.front();
    m_waiting.pop_front();
    QMetaObject::invokeMethod(
        m_context, [next] { next.resume(); }, Qt::QueuedConnection);
}

} // namespace delegate
