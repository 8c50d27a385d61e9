// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/execrequest.h"
#include "sandbox/sandboxerror.h"

#include <QByteArray>
#include <QCoro/QCoroTask>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QProcess;
class QTemporaryDir;

namespace delegate {

// How to reach one host with the system OpenSSH client.
struct SshHostOptions
{
    QString host; // as ~/.ssh/config (or configFile) knows it
    // A client configuration file for `ssh -F`. Empty: the user's own
    // ~/.ssh/config and /etc/ssh/ssh_config, as plain `ssh` reads them.
    QString configFile;
    QString sshProgram; // empty: "ssh" on PATH
    std::chrono::seconds connectTimeout { 10 };
    // How often the connection is checked while idle, and how many missed
    // answers make it count as lost.
    std::chrono::seconds aliveInterval { 2 };
    int aliveCountMax = 3;
};

struct SshOutput
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1; // 255: ssh itself failed (connection, authentication)
    QByteArray out;
    QByteArray err;

    bool ok() const { return started && !timedOut && exitCode == 0; }
    // ssh reports its own failures with 255; a remote command rarely does.
    bool connectionFailed() const { return !started || exitCode == 255; }
};

// Runs commands on one host through the system `ssh`, over one multiplexed
// connection (a ControlMaster in a private directory), with BatchMode so
// nothing ever waits for a password or a host-key prompt. Everything else
// (users, ports, jump hosts, agents, known hosts) comes from the ssh
// configuration, as it does for `ssh` on the command line.
class SshClient final
{
public:
    explicit SshClient(SshHostOptions options);
    ~SshClient();
    SshClient(const SshClient &) = delete;
    SshClient &operator=(const SshClient &) = delete;

    const SshHostOptions &options() const { return m_options; }

    // Opens the shared connection (or finds it open). The error explains an
    // unknown host key, a refused key or an unreachable host.
    QCoro::Task<std::optional<SandboxError>> connect();
    // Closes the shared connection.
    void disconnect();

    // Runs a command line (given to the remote user's shell) and collects
    // its output.
    QCoro::Task<SshOutput> run(QString remoteCommand, QByteArray input, std::chrono::milliseconds timeout);

    // The full argument list for `ssh` to run remoteCommand over the shared
    // connection.
    QStringList arguments(const QString &remoteCommand) const;
    QString program() const;

    // Single-quotes text for a POSIX shell.
    static QString shellQuote(const QString &text);
    static QString shellJoin(const QStringList &words);

    // Turns what ssh printed when it failed into an error naming the problem
    // and its fix.
    SandboxError explain(const QByteArray &sshStderr) const;

private:
    QStringList commonOptions() const;

    SshHostOptions m_options;
    std::unique_ptr<QTemporaryDir> m_controlDir;
};

} // namespace delegate
