// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineconnector.h"

#include "localengine.h"
#include "rpcclient.h"
#include "tlsfiles.h"

#include <QCoreApplication>
#include <QCoro/QCoroTimer>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace delegate::rpc {

namespace {

QString findDaemon(const ConnectOptions &options)
{
    if (!options.daemonProgram.isEmpty())
        return options.daemonProgram;
    const QString beside = QCoreApplication::applicationDirPath() + u"/delegated"_s;
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(u"delegated"_s);
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

// The end of what the daemon printed, to show why it stopped.
QString logTail(const QString &path)
{
    QFile log(path);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    if (log.size() > 4096)
        log.seek(log.size() - 4096);
    const QStringList lines = QString::fromUtf8(log.readAll()).split(u'\n', Qt::SkipEmptyParts);
    return lines.mid(std::max<qsizetype>(0, lines.size() - 8)).join(u'\n');
}

bool unreachable(const RpcOutcome &outcome)
{
    return outcome.error && outcome.error->code == Unavailable;
}

QStringList startArguments(const ConnectOptions &options, const LocalEngineDirectory &directory)
{
    return options.daemonArguments + QStringList { u"--runtime-dir"_s, directory.path() };
}

} // namespace

ConnectOptions ConnectOptions::fromEnvironment()
{
    ConnectOptions options;
    const QString url = qEnvironmentVariable("DELEGATE_ENGINE_URL");
    if (!url.isEmpty())
        options.url = QUrl(url);
    options.token = qEnvironmentVariable("DELEGATE_TOKEN");
    options.caFile = qEnvironmentVariable("DELEGATE_CA");
    const QString tokenFile = qEnvironmentVariable("DELEGATE_TOKEN_FILE");
    if (options.token.isEmpty() && !tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (file.open(QIODevice::ReadOnly))
            options.token = QString::fromUtf8(file.readAll()).trimmed();
    }
    return options;
}

QCoro::Task<RpcOutcome> connectToEngine(RpcClient *client, ConnectOptions options)
{
    QPointer<RpcClient> guard(client);
    if (!options.url.isEmpty()) {
        if (options.token.isEmpty()) {
            co_return RpcOutcome::fail(
                Unauthenticated,
                u"No token for the engine at %1: pass --token, or set DELEGATE_TOKEN or DELEGATE_TOKEN_FILE."_s
                    .arg(options.url.toString()));
        }
        if (!options.caFile.isEmpty()) {
            QList<QSslCertificate> authorities;
            if (auto problem = TlsFiles::certificateAuthorities(options.caFile, &authorities))
                co_return RpcOutcome::fail(Unavailable, *problem);
            client->addTrustedCertificates(authorities);
        }
        co_return co_await client->connectTo(options.url, options.token, options.callTimeout);
    }

    const LocalEngineDirectory directory(options.directory.isEmpty() ? LocalEngineDirectory::defaultPath()
                                                                     : options.directory);
    const LocalEngineDirectory::ReadResult published = directory.read();
    if (published.endpoint) {
        const LocalEndpoint endpoint = *published.endpoint;
        RpcOutcome outcome = co_await client->connectTo(endpoint.url, endpoint.token, options.callTimeout);
        // An engine that published itself and does not answer has died
        // without withdrawing: start a new one.
        if (!guard || !unreachable(outcome))
            co_return outcome;
    }
    if (!options.startIfNeeded) {
        co_return RpcOutcome::fail(
            Unavailable,
            u"No engine is running (%1). Start one with `delegated` or `systemctl --user "
            "start delegated`, or leave out --no-start to start it on demand."_s.arg(
                published.problem.isEmpty() ? u"it does not answer"_s : published.problem));
    }

    const QString program = findDaemon(options);
    if (program.isEmpty()) {
        co_return RpcOutcome::fail(
            Unavailable,
            u"No engine is running, and delegated is neither beside %1 nor on PATH: install Delegate, or start an engine yourself."_s
                .arg(QCoreApplication::applicationDirPath()));
    }
    if (const auto problem = directory.ensureExists())
        co_return RpcOutcome::fail(Unavailable, *problem);
    QProcess process;
    process.setProgram(program);
    process.setArguments(startArguments(options, directory));
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(directory.logFile(), QIODevice::Append);
    process.setStandardErrorFile(directory.logFile(), QIODevice::Append);
    qint64 pid = 0;
    if (!process.startDetached(&pid))
        co_return RpcOutcome::fail(Unavailable,
                                   u"Could not start %1: %2"_s.arg(program, process.errorString()));

    // Another client may have started an engine at the same time; whichever
    // holds the lock publishes itself, and either will do.
    const auto deadline = steady_clock::now() + options.startTimeout;
    while (steady_clock::now() < deadline) {
        co_await QCoro::sleepFor(milliseconds(50));
        if (!guard)
            co_return RpcOutcome::fail(Unavailable, u"The client was closed."_s);
        const LocalEngineDirectory::ReadResult now = directory.read();
        if (now.endpoint && processAlive(now.endpoint->pid)) {
            const LocalEndpoint endpoint = *now.endpoint;
            RpcOutcome outcome =
                co_await client->connectTo(endpoint.url, endpoint.token, options.callTimeout);
            if (!guard || !unreachable(outcome))
                co_return outcome;
        } else if (!processAlive(pid)) {
            co_return RpcOutcome::fail(Unavailable,
                                       u"delegated stopped right after it started:\n%1\n(from %2)"_s.arg(
                                           logTail(directory.logFile()), directory.logFile()));
        }
    }
    co_return RpcOutcome::fail(Unavailable,
                               u"delegated did not become ready within %1 s; see %2"_s
                                   .arg(duration_cast<seconds>(options.startTimeout).count())
                                   .arg(directory.logFile()));
}

} // namespace delegate::rpc
