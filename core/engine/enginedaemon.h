// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engineoptions.h"
#include "rpc/accesstokens.h"
#include "rpc/localengine.h"

#include <QCoro/QCoroTask>
#include <QHostAddress>
#include <QObject>

#include <memory>

class QFileSystemWatcher;
class QLockFile;

namespace delegate {

class Engine;
namespace rpc {
class RpcServer;
}

// What delegated is started with.
struct DaemonOptions
{
    EngineOptions engine;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port; clients read it from engine.json
    QString runtimeDirectory; // empty: rpc::LocalEngineDirectory::defaultPath()
    QString tokensFile; // more people and their roles (rpc::AccessTokens)
    QString localUser; // who the local token stands for; empty: the user running the daemon
    // A team server: with both, `address`:`port` speaks wss:// with this
    // certificate and key (PEM), and the local user's clients get a plain
    // ws:// listener on loopback of their own.
    QString tlsCertificateFile;
    QString tlsKeyFile;
};

// The engine as a service: opens the engine on its store, serves it over
// JSON-RPC and publishes where, with a fresh lead token for the local user,
// in the user's runtime directory. One per user: a second daemon on the
// same runtime directory refuses to start.
class EngineDaemon final : public QObject
{
    Q_OBJECT

public:
    explicit EngineDaemon(DaemonOptions options, QObject *parent = nullptr);
    ~EngineDaemon() override;

    // The error says what failed and what to do.
    QCoro::Task<std::optional<QString>> start();
    // Withdraws the endpoint, closes connections and shuts the engine down
    // (its runs resume at the next start).
    QCoro::Task<void> stop(QString reason);

    // Reads the tokens file again (also done when it changes): people added
    // can connect, and the open connections of people no longer in it are
    // closed. A file that does not parse leaves everything as it was.
    void reloadTokens();

    // Where the local user's clients connect (published in engine.json).
    QUrl url() const;
    // The wss:// listener of a team server; empty without TLS.
    QUrl teamUrl() const;
    Engine *engine() const { return m_engine; }
    const rpc::LocalEngineDirectory &directory() const { return m_directory; }

private:
    static QString currentUser();

    DaemonOptions m_options;
    rpc::LocalEngineDirectory m_directory;
    std::unique_ptr<QLockFile> m_lock;
    rpc::AccessTokens m_tokens;
    QString m_localToken;
    QFileSystemWatcher *m_tokensWatcher = nullptr;
    Engine *m_engine = nullptr;
    rpc::RpcServer *m_server = nullptr;
    bool m_published = false;
};

} // namespace delegate
