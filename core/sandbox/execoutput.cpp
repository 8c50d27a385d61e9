// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/execoutput.h"

namespace delegate {

ExecOutput::ExecOutput(const QMap<QString, QString> &secrets, qint64 cap, Listener listener)
    : m_stdoutRedactor(secrets)
    , m_stderrRedactor(secrets)
    , m_cap(cap)
    , m_listener(std::move(listener))
{ }

QByteArray ExecOutput::truncationMarker(qint64 cap)
{
    return "[output truncated after " + QByteArray::number(cap) + " bytes]\n";
}

void ExecOutput::append(SandboxStream stream, const QByteArray &raw)
{
    if (raw.isEmpty() || m_truncated)
        return;
    SecretRedactor &redactor = stream == SandboxStream::Stdout ? m_stdoutRedactor : m_stderrRedactor;
    deliver(stream, redactor.feed(raw));
}

void ExecOutput::finish()
{
    if (m_truncated)
        return;
    deliver(SandboxStream::Stdout, m_stdoutRedactor.flush());
    deliver(SandboxStream::Stderr, m_stderrRedactor.flush());
}

void ExecOutput::deliver(SandboxStream stream, const QByteArray &redacted)
{
    if (redacted.isEmpty() || m_truncated)
        return;
    QByteArray piece = redacted;
    if (m_cap > 0 && m_delivered + piece.size() > m_cap) {
        piece.truncate(m_cap - m_delivered);
        m_truncated = true;
        // The marker starts on its own line so it cannot be mistaken for output.
        const QByteArray &sofar = buffer(stream);
        const bool atLineStart =
            piece.isEmpty() ? (sofar.isEmpty() || sofar.endsWith('\n')) : piece.endsWith('\n');
        if (!atLineStart)
            piece.append('\n');
        piece.append(truncationMarker(m_cap));
    }
    m_delivered += redacted.size();
    buffer(stream).append(piece);
    if (m_listener)
        m_listener(stream, piece);
}

} // namespace delegate
