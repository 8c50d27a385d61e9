// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/secretredactor.h"

#include <algorithm>

namespace delegate {

SecretRedactor::SecretRedactor(const QMap<QString, QString> &secrets)
{
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const QByteArray value = it.value().toUtf8();
        if (!value.isEmpty())
            m_secrets.append(Secret { value, marker(it.key()) });
    }
    std::stable_sort(m_secrets.begin(), m_secrets.end(),
                     [](const Secret &a, const Secret &b) { return a.value.size() > b.value.size(); });
}

QByteArray SecretRedactor::marker(const QString &name)
{
    return "[redacted:" + name.toUtf8() + ']';
}

QByteArray SecretRedactor::process(const QByteArray &buffer, QByteArray *heldBack) const
{
    qsizetype longest = 0;
    for (const Secret &secret : m_secrets)
        longest = std::max(longest, secret.value.size());

    // The earliest start, at or after `from`, of a tail that the next chunk
    // could complete into some value; buffer.size() when there is none.
    const auto growableTail = [&](qsizetype from) {
        if (!heldBack)
            return buffer.size();
        for (qsizetype start = std::max(from, buffer.size() - longest + 1); start < buffer.size(); ++start) {
            const QByteArrayView tail(buffer.constData() + start, buffer.size() - start);
            for (const Secret &s : m_secrets) {
                if (s.value.size() > tail.size() && s.value.startsWith(tail))
                    return start;
            }
        }
        return buffer.size();
    };

    QByteArray out;
    out.reserve(buffer.size());
    qsizetype pos = 0;
    qsizetype keepFrom = growableTail(pos);
    while (pos < keepFrom) {
        qsizetype bestAt = -1;
        const Secret *best = nullptr;
        for (const Secret &secret : m_secrets) {
            const qsizetype at = buffer.indexOf(secret.value, pos);
            // Longest first: on a tie the longer value already won.
            if (at >= 0 && (bestAt < 0 || at < bestAt)) {
                bestAt = at;
                best = &secret;
            }
        }
        // A match inside a tail that may still grow could be the middle of a
        // longer value: wait for more bytes rather than reveal its edges.
        if (!best || bestAt >= keepFrom)
            break;
        out.append(buffer.constData() + pos, bestAt - pos);
        out.append(best->marker);
        pos = bestAt + best->value.size();
        if (pos > keepFrom)
            keepFrom = growableTail(pos);
    }
    if (heldBack)
        *heldBack = buffer.mid(keepFrom);
    else
        keepFrom = buffer.size();
    out.append(buffer.constData() + pos, keepFrom - pos);
    return out;
}

QByteArray SecretRedactor::feed(const QByteArray &chunk)
{
    if (m_secrets.isEmpty())
        return chunk;
    const QByteArray buffer = m_pending + chunk;
    return process(buffer, &m_pending);
}

QByteArray SecretRedactor::flush()
{
    const QByteArray rest = std::exchange(m_pending, QByteArray());
    return process(rest, nullptr);
}

QByteArray SecretRedactor::redact(const QByteArray &text) const
{
    if (m_secrets.isEmpty())
        return text;
    return process(text, nullptr);
}

QString SecretRedactor::redact(const QString &text) const
{
    if (m_secrets.isEmpty())
        return text;
    return QString::fromUtf8(redact(text.toUtf8()));
}

} // namespace delegate
