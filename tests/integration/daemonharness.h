// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The engine as its users run it: a delegated process on a store in a
// temporary folder, the scripted model provider and the service receiver in
// the test's process, delegatectl run as a process, and an RPC client for
// watching what happens.

#include "rpc/rpcclient.h"
#include "scriptedllmserver.h"
#include "servicereceiver.h"

#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace delegate::test {

struct CommandResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const;
};

class DaemonHarness
{
public:
    QTemporaryDir root;
    fixtures::ScriptedLlmServer llm;
    fixtures::ServiceReceiver services;
    QString repository; // a git repository made from tests/fixtures/repos/sum-py
    QString remote; // a bare repository, the source's "origin"

    // Everything but the daemon; false when a part could not be made.
    bool setUp();
    QString path(const QString &relative) const { return root.filePath(relative); }
    QString runtimeDirectory() const { return path(QStringLiteral("run")); }

    // Starts delegated and waits until it published itself.
    bool startDaemon(const QStringList &extraArguments = {});
    void killDaemon(); // SIGKILL: what a crash does
    bool stopDaemon(); // SIGTERM, and a clean exit
    qint64 daemonPid() const { return m_daemon ? m_daemon->processId() : 0; }
    QString daemonLog() const;

    // delegatectl with the harness's runtime directory; spins the event loop
    // meanwhile, so the in-process servers go on answering.
    CommandResult ctl(const QStringList &arguments, const QMap<QString, QString> &environment = {});

    // A client connected to the running daemon as the local user (lead).
    std::unique_ptr<rpc::RpcClient> connect();
    // Adds a person to the tokens file the daemon reads at start.
    void addToken(const QString &user, const QString &role, const QString &token);

    // Spins until the run is in one of the states; the run's summary, or an
    // empty object when the time ran out.
    QJsonObject waitForState(rpc::RpcClient &client, const QString &runId, const QStringList &states,
                             int timeoutMs = 90000);

private:
    QProcessEnvironment baseEnvironment() const;
    std::unique_ptr<QProcess> m_daemon;
};

} // namespace delegate::test
