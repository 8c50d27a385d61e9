// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/gitrunner.h"

#include <QCoro/QCoroProcess>
#include <QProcess>
#include <QStandardPaths>

#include <memory>

using namespace std::chrono_literals;

namespace delegate {

QString GitOutput::errorText() const
{
    if (!started)
        return QStringLiteral("git could not be started (is the Debian package git installed?)");
    if (timedOut)
        return QStringLiteral("git did not finish in time");
    const QString text = QString::fromUtf8(err).trimmed();
    return text.isEmpty() ? QStringLiteral("git exited with code %1").arg(exitCode) : text;
}

QString GitRunner::gitProgram()
{
    static const QString program = [] {
        const QString found = QStandardPaths::findExecutable(QStringLiteral("git"));
        return found.isEmpty() ? QStringLiteral("git") : found;
    }();
    return program;
}

QCoro::Task<GitOutput> GitRunner::run(QStringList arguments, QString workingDirectory,
                                      QMap<QString, QString> environment, std::chrono::milliseconds timeout)
{
    GitOutput output;
    auto process = std::make_unique<QProcess>();
    process->setProgram(gitProgram());
    process->setArguments(QStringList { QStringLiteral("-c"), QStringLiteral("core.hooksPath=/dev/null"),
                                        QStringLiteral("-c"), QStringLiteral("core.fsmonitor=false"),
                                        QStringLiteral("-c"), QStringLiteral("gc.auto=0"),
                                        QStringLiteral("-c"), QStringLiteral("maintenance.auto=false") }
                          + arguments);
    if (!workingDirectory.isEmpty())
        process->setWorkingDirectory(workingDirectory);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Variables that would point git at some other repository or index.
    for (const char *name :
         { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
           "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX" })
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_OPTIONAL_LOCKS"), QStringLiteral("0"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());

    process->start();
    if (!co_await qCoro(process.get()).waitForStarted(30s))
        co_return output;
    output.started = true;
    if (process->state() != QProcess::NotRunning)
        co_await qCoro(process.get()).waitForFinished(timeout);
    if (process->state() != QProcess::NotRunning) {
        output.timedOut = true;
        process->kill();
        process->waitForFinished(5000);
    }
    output.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    output.out = process->readAllStandardOutput();
    output.err = process->readAllStandardError();
    co_return output;
}

} // namespace delegate
