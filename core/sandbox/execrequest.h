// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace delegate {

enum class SandboxStream { Stdout, Stderr };

// One command to run in a session.
struct ExecRequest
{
    QStringList argv; // argv[0] is looked up on the sandbox's PATH
    QMap<QString, QString> environment; // added to (and overriding) the policy's variables
    QByteArray stdinData; // written to the command's standard input, which is then closed
    QString workingDirectory; // relative to the workspace; empty = the workspace itself
    std::chrono::milliseconds timeout { 0 }; // 0 = the policy's wall time; otherwise the smaller of both
    qint64 maxOutputBytes = 0; // 0 = the policy's output cap; otherwise the smaller of both

    // Called with each redacted piece of output as it arrives, before exec()
    // completes. The concatenation per stream equals the result's stdout/stderr.
    std::function<void(SandboxStream stream, const QByteArray &chunk)> onOutput;
};

} // namespace delegate
