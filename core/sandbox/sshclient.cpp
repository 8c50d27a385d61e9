// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sshclient.h"

#include <QCoro/QCoroProcess>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace std::chrono_literals;

namespace delegate {

SshClient::SshClient(SshHostOptions options)
    : m_options(std::move(options))
    // The control socket stands for an authenticated connection: it lives
    // in a directory only this user can enter. Short, because socket paths
    // are limited to about 100 bytes.
    , m_controlDir(std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/dssh-XXXXXX")))
{ }

SshClient::~SshClient()
{
    disconnect();
}

QString SshClient::program() const
{
    if (!m_options.sshProgram.isEmpty())
        return m_options.sshProgram;
    const QString found = QStandardPaths::findExecutable(QStringLiteral("ssh"));
    return found.isEmpty() ? QStringLiteral("ssh") : found;
}

QStringList SshClient::commonOptions() const
{
    QStringList args;
    if (!m_options.configFile.isEmpty())
        args << QStringLiteral("-F") << m_options.configFile;
    const auto option = [&args](const QString &text) {
        args << QStringLiteral("-o") << text;
    };
    option(QStringLiteral("BatchMode=yes"));
    option(QStringLiteral("ControlPath=%1/%C").arg(m_controlDir->path()));
    option(QStringLiteral("ConnectTimeout=%1").arg(m_options.connectTimeout.count()));
    option(QStringLiteral("ServerAliveInterval=%1").arg(m_options.aliveInterval.count()));
    option(QStringLiteral("ServerAliveCountMax=%1").arg(m_options.aliveCountMax));
    // Agents forwarded into a host where untrusted code runs could be used
    // by it; the sandbox never needs them.
    option(QStringLiteral("ForwardAgent=no"));
    option(QStringLiteral("ForwardX11=no"));
    option(QStringLiteral("ClearAllForwardings=yes"));
    option(QStringLiteral("RequestTTY=no"));
    return args;
}

QStringList SshClient::arguments(const QString &remoteCommand) const
{
    // ControlMaster=no: when the shared connection is gone, a call connects
    // on its own and so reports a host that went away as unreachable.
    return commonOptions() + QStringList { QStringLiteral("-o"), QStringLiteral("ControlMaster=no"),
                                           QStringLiteral("-T"), QStringLiteral("--"),
                                           m_options.host,       remoteCommand };
}

QCoro::Task<std::optional<SandboxError>> SshClient::connect()
{
    if (!m_controlDir->isValid())
        co_return SandboxError { SandboxErrorCode::StartFailed,
                                 QStringLiteral("cannot create a private directory for the SSH connection "
                                                "under %1")
                                     .arg(QDir::tempPath()) };
    const QStringList check = commonOptions()
        + QStringList { QStringLiteral("-O"), QStringLiteral("check"), QStringLiteral("--"), m_options.host };
    QProcess probe;
    probe.start(program(), check);
    if (co_await qCoro(probe).waitForStarted(10s) && probe.state() != QProcess::NotRunning)
        co_await qCoro(probe).waitForFinished(10s);
    if (probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
        co_return std::nullopt;

    // -f: ssh goes to the background once authenticated, so its exit status
    // says whether the connection stands. Its output goes to a file: the
    // master outlives this call and would hold a pipe open.
    const QString log = m_controlDir->filePath(QStringLiteral("master.log"));
    QFile::remove(log);
    QProcess master;
    master.setStandardInputFile(QProcess::nullDevice());
    master.setStandardOutputFile(QProcess::nullDevice());
    master.setStandardErrorFile(log);
    master.start(program(),
                 commonOptions()
                     + QStringList { QStringLiteral("-o"), QStringLiteral("ControlMaster=yes"),
                                     QStringLiteral("-o"), QStringLiteral("ControlPersist=yes"),
                                     QStringLiteral("-N"), QStringLiteral("-f"), QStringLiteral("--"),
                                     m_options.host });
    if (!co_await qCoro(master).waitForStarted(10s))
        co_return SandboxError { SandboxErrorCode::StartFailed,
                                 QStringLiteral("cannot start the SSH client '%1': %2; install the Debian "
                                                "package openssh-client")
                                     .arg(program(), master.errorString()) };
    const auto limit = std::chrono::milliseconds(m_options.connectTimeout) + 10s;
    if (master.state() != QProcess::NotRunning)
        co_await qCoro(master).waitForFinished(limit);
    if (master.state() != QProcess::NotRunning) {
        master.kill();
        master.waitForFinished(2000);
        co_return SandboxError { SandboxErrorCode::HostUnreachable,
                                 QStringLiteral("connecting to %1 took longer than %2 s; check that the host "
                                                "is up and reachable")
                                     .arg(m_options.host)
                                     .arg(limit.count() / 1000) };
    }
    if (master.exitStatus() == QProcess::NormalExit && master.exitCode() == 0)
        co_return std::nullopt;
    QFile file(log);
    const QByteArray said = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    co_return explain(said);
}

void SshClient::disconnect()
{
    if (!m_controlDir || !m_controlDir->isValid())
        return;
    QProcess exit;
    exit.start(program(),
               commonOptions()
                   + QStringList { QStringLiteral("-O"), QStringLiteral("exit"), QStringLiteral("--"),
                                   m_options.host });
    exit.waitForFinished(5000);
}

QCoro::Task<SshOutput> SshClient::run(QString remoteCommand, QByteArray input,
                                      std::chrono::milliseconds timeout)
{
    SshOutput output;
    auto process = std::make_unique<QProcess>();
    process->start(program(), arguments(remoteCommand));
    if (!co_await qCoro(process.get()).waitForStarted(10s))
        co_return output;
    output.started = true;
    if (!input.isEmpty())
        process->write(input);
    process->closeWriteChannel();
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

QString SshClient::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString SshClient::shellJoin(const QStringList &words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString &word : words)
        quoted.append(shellQuote(word));
    return quoted.join(u' ');
}

SandboxError SshClient::explain(const QByteArray &sshStderr) const
{
    const QString said = QString::fromLocal8Bit(sshStderr).trimmed();
    const QString &host = m_options.host;
    const QString configNote = m_options.configFile.isEmpty()
        ? QStringLiteral("~/.ssh/config")
        : QStringLiteral("the SSH configuration %1").arg(m_options.configFile);
    if (said.contains(QLatin1String("Host key verification failed"))
        || said.contains(QLatin1String("REMOTE HOST IDENTIFICATION HAS CHANGED"))
        || said.contains(QLatin1String("No ED25519 host key is known"))
        || said.contains(QLatin1String("host key is known")))
        return SandboxError {
            SandboxErrorCode::HostKeyUnknown,
            QStringLiteral(
                "the host key of %1 is not known or has changed (ssh said: \"%2\"). Delegate never "
                "accepts host keys on its own: check the key with the host's administrator, then "
                "add it with 'ssh %1' once in a terminal (or ssh-keyscan into the known hosts "
                "file that %3 names).")
                .arg(host, said, configNote)
        };
    if (said.contains(QLatin1String("Permission denied"))
        || said.contains(QLatin1String("Too many authentication")))
        return SandboxError { SandboxErrorCode::AuthenticationRefused,
                              QStringLiteral(
                                  "%1 refused every key offered (ssh said: \"%2\"). Add your public "
                                  "key to ~/.ssh/authorized_keys of the remote user, load the key "
                                  "into ssh-agent, or name it with IdentityFile in %3; passwords "
                                  "cannot be typed here (BatchMode).")
                                  .arg(host, said, configNote) };
    if (said.contains(QLatin1String("Could not resolve hostname")))
        return SandboxError { SandboxErrorCode::HostUnreachable,
                              QStringLiteral("%1 is not a known host name (ssh said: \"%2\"); define it with "
                                             "Host and HostName in %3 or use its address.")
                                  .arg(host, said, configNote) };
    return SandboxError { SandboxErrorCode::HostUnreachable,
                          QStringLiteral(
                              "cannot connect to %1 (ssh said: \"%2\"); check that the host is up, "
                              "that sshd listens on the port %3 names, and that 'ssh %1 true' works "
                              "from this machine.")
                              .arg(host, said.isEmpty() ? QStringLiteral("nothing") : said, configNote) };
}

} // namespace delegate
