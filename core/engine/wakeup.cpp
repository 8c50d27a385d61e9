// SPDX-License-Identifier: GPL-3.0-or-later
#include "wakeup.h"

namespace delegate {

Wakeup::Awaiter::Awaiter(Wakeup *wakeup, std::chrono::milliseconds timeout)
    : m_wakeup(wakeup)
    , m_timeout(timeout)
{ }

Wakeup::Awaiter::~Awaiter()
{
    detach();
}

void Wakeup::Awaiter::detach()
{
    if (m_timer)
        m_timer->stop();
    if (m_wakeup)
        m_wakeup->m_sleeping.removeAll(this);
    m_wakeup = nullptr;
}

void Wakeup::Awaiter::await_suspend(std::coroutine_handle<> sleeping)
{
    m_sleeping = sleeping;
    m_wakeup->m_sleeping.append(this);
    m_timer = std::make_unique<QTimer>();
    m_timer->setSingleShot(true);
    QObject::connect(m_timer.get(), &QTimer::timeout, m_timer.get(), [this] {
        // Only one of the timeout and wakeAll() gets here: both detach first.
        detach();
        m_sleeping.resume();
    });
    m_timer->start(m_timeout);
}

Wakeup::~Wakeup()
{
    // Sleepers left now are never resumed: whoever owned this is gone.
    for (Awaiter *awaiter : std::as_const(m_sleeping)) {
        if (awaiter->m_timer)
            awaiter->m_timer->stop();
        awaiter->m_wakeup = nullptr;
    }
}

void Wakeup::wakeAll()
{
    const QList<Awaiter *> sleeping = std::exchange(m_sleeping, {});
    for (Awaiter *awaiter : sleeping) {
        if (awaiter->m_timer)
            awaiter->m_timer->stop();
        awaiter->m_wakeup = nullptr;
        if (!m_context)
            continue;
        const std::coroutine_handle<> handle = awaiter->m_sleeping;
        QMetaObject::invokeMethod(
            m_context, [handle] { handle.resume(); }, Qt::QueuedConnection);
    }
}

} // namespace delegate
