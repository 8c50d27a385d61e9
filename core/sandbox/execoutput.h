// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/execrequest.h"
#include "sandbox/secretredactor.h"

#include <QByteArray>

#include <functional>

namespace delegate {

// Gathers a command's output: redacts secrets per stream, passes each piece
// on as it arrives, and stops at the cap (both streams together), marking the
// cut once in the stream that crossed it.
class ExecOutput final
{
public:
    using Listener = std::function<void(SandboxStream, const QByteArray &)>;

    ExecOutput(const QMap<QString, QString> &secrets, qint64 cap, Listener listener);

    void append(SandboxStream stream, const QByteArray &raw);
    // The streams are over: releases what the redactors held back.
    void finish();

    const QByteArray &stdoutData() const { return m_stdout; }
    const QByteArray &stderrData() const { return m_stderr; }
    bool truncated() const { return m_truncated; }

    static QByteArray truncationMarker(qint64 cap);

private:
    void deliver(SandboxStream stream, const QByteArray &redacted);
    QByteArray &buffer(SandboxStream stream) { return stream == SandboxStream::Stdout ? m_stdout : m_stderr; }

    SecretRedactor m_stdoutRedactor;
    SecretRedactor m_stderrRedactor;
    qint64 m_cap = 0; // 0 = none
    qint64 m_delivered = 0;
    bool m_truncated = false;
    Listener m_listener;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

} // namespace delegate
