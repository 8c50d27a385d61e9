// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpcerror.h"

#include <QCoro/QCoroTask>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace delegate::rpc {

class RpcClient;

// Where a client should connect, and whether it may start a local engine.
struct ConnectOptions
{
    // A remote engine (ws:// or wss://) and its token. Empty: the local
    // engine published in `directory`.
    QUrl url;
    QString token;
    // A CA certificate file (PEM) to trust for a wss:// url beside the
    // system's certificate authorities.
    QString caFile;
    QString directory; // empty: LocalEngineDirectory::defaultPath()
    // Start delegated when no local engine answers.
    bool startIfNeeded = true;
    // Empty: "delegated" beside the running program, else on PATH.
    QString daemonProgram;
    QStringList daemonArguments;
    std::chrono::milliseconds startTimeout { std::chrono::seconds(20) };
    std::chrono::milliseconds callTimeout { std::chrono::seconds(10) };

    // url and token from DELEGATE_ENGINE_URL and DELEGATE_TOKEN (or the file
    // named by DELEGATE_TOKEN_FILE), caFile from DELEGATE_CA, when set.
    static ConnectOptions fromEnvironment();
};

// Connects and authenticates a client: to the remote engine when a URL is
// given, otherwise to the user's local engine, starting one when none
// answers (and startIfNeeded allows it). The error names what went wrong
// and what to do.
QCoro::Task<RpcOutcome> connectToEngine(RpcClient *client, ConnectOptions options);

} // namespace delegate::rpc
