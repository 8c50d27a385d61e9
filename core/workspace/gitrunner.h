// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <QCoro/QCoroTask>

#include <chrono>

namespace delegate {

struct GitOutput
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool ok() const { return started && !timedOut && exitCode == 0; }
    QString stdoutText() const { return QString::fromUtf8(out).trimmed(); }
    // git's own explanation, for error messages.
    QString errorText() const;
};

// Runs git asynchronously with Delegate's own settings: no hooks, no prompts,
// no automatic gc and no optional locks, so nothing Delegate does runs the
// user's hook scripts or rewrites the user's index behind their back.
class GitRunner final
{
public:
    struct Call
    {
        QStringList arguments;
        QString workingDirectory;
        QMap<QString, QString> environment; // added to the engine's
        std::chrono::milliseconds timeout { std::chrono::minutes(5) };
    };

    // Not a coroutine itself: GCC 12 corrupts aggregate parameters of a
    // coroutine that are built in place, so the fields travel separately.
    static QCoro::Task<GitOutput> run(Call call)
    {
        return run(std::move(call.arguments), std::move(call.workingDirectory), std::move(call.environment),
                   call.timeout);
    }
    static QCoro::Task<GitOutput> run(QStringList arguments, QString workingDirectory,
                                      QMap<QString, QString> environment, std::chrono::milliseconds timeout);
    static QString gitProgram();
};

} // namespace delegate
