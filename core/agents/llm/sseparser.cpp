// SPDX-License-Identifier: GPL-3.0-or-later
#include "sseparser.h"

namespace delegate::llm {

QList<SseEvent> SseParser::feed(const QByteArray &bytes)
{
    QList<SseEvent> events;
    m_buffer.append(bytes);
    qsizetype start = 0;
    while (true) {
        const qsizetype newline = m_buffer.indexOf('\n', start);
        if (newline < 0)
            break;
        QByteArray line = m_buffer.mid(start, newline - start);
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(std::move(line), events);
        start = newline + 1;
    }
    m_buffer.remove(0, start);
    return events;
}

void SseParser::takeLine(QByteArray line, QList<SseEvent> &events)
{
    if (line.isEmpty()) {
        if (m_hasData || !m_pending.event.isEmpty())
            events.append(std::move(m_pending));
        m_pending = {};
        m_hasData = false;
        return;
    }
    if (line.startsWith(':'))
        return; // comment, used as keep-alive
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "event") {
        m_pending.event = value;
    } else if (field == "data") {
        if (m_hasData)
            m_pending.data.append('\n');
        m_pending.data.append(value);
        m_hasData = true;
    }
}

} // namespace delegate::llm
