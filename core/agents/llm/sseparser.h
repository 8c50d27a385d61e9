// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace delegate::llm {

struct SseEvent
{
    QByteArray event; // empty when the server sent no "event:" line
    QByteArray data; // "data:" lines joined with '\n'
};

// Incremental Server-Sent Events parser: feed bytes as they arrive, in any
// split, and take out the complete events.
class SseParser final
{
public:
    QList<SseEvent> feed(const QByteArray &bytes);
    // Whether bytes of an unfinished event are still buffered.
    bool hasPartialEvent() const { return !m_buffer.isEmpty() || m_hasData || !m_pending.event.isEmpty(); }

private:
    void takeLine(QByteArray line, QList<SseEvent> &events);

    QByteArray m_buffer;
    SseEvent m_pending;
    bool m_hasData = false;
};

} // namespace delegate::llm
