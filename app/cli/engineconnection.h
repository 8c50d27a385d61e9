// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpc/rpcerror.h"

#include <QCoro/QCoroTask>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QCommandLineParser;

namespace delegate::rpc {
class RpcClient;
}

namespace delegate::cli {

class Console;

// What every command that talks to an engine shares: the options --engine,
// --token, --no-start and --json, connecting, and turning the engine's
// errors into "delegatectl CMD: message" and an exit code (docs/cli.md).
// A command keeps one on its coroutine's frame for as long as it runs.
class EngineConnection final
{
public:
    static constexpr std::chrono::seconds defaultCallTimeout { 30 };

    EngineConnection(QString command, const char *usage, Console &console);
    ~EngineConnection();
    EngineConnection(const EngineConnection &) = delete;
    EngineConnection &operator=(const EngineConnection &) = delete;

    // Adds --help and the engine options to parser and parses arguments.
    // Returns an exit code when the command is done already: help shown, or
    // a usage error reported.
    std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments);
    // Reports a wrong argument with the usage; returns ExitUsage.
    int usageError(const QString &problem) const;
    // For commands about exactly one run: the usage error when the
    // positional arguments are not one run id, std::nullopt when they are.
    std::optional<int> checkOneRun(const QStringList &positional) const;
    // Reports a problem with a local file; returns ExitInputError.
    int inputError(const QString &problem) const;

    bool json() const { return m_json; }
    QString command() const { return m_command; }
    Console &console() const { return m_console; }
    rpc::RpcClient &client() const { return *m_client; }

    // Connects and authenticates. std::nullopt when connected; otherwise
    // the exit code, the reason printed.
    QCoro::Task<std::optional<int>> open();
    // Calls a method. The result, or std::nullopt when the call failed: the
    // engine's message printed, failureCode() says which exit code.
    QCoro::Task<std::optional<QJsonObject>> call(QString method, QJsonObject params,
                                                 std::chrono::milliseconds timeout = defaultCallTimeout);
    int failureCode() const { return m_failureCode; }

    // Prints the error as "delegatectl CMD: message"; returns its exit code.
    int fail(const rpc::RpcError &error);
    void printJson(const QJsonObject &object) const;

    static int exitCodeFor(int rpcErrorCode);
    // The engine options' part of every engine command's usage.
    static const char *const optionsHelp;

private:
    QString m_command;
    const char *m_usage;
    Console &m_console;
    QUrl m_url;
    QString m_token;
    QString m_caFile;
    bool m_noStart = false;
    bool m_json = false;
    int m_failureCode = 0;
    std::unique_ptr<rpc::RpcClient> m_client;
};

} // namespace delegate::cli
