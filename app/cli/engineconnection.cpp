// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineconnection.h"

#include "console.h"
#include "exitcodes.h"

#include "rpc/engineconnector.h"
#include "rpc/rpcclient.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"show this help"_s);
const QCommandLineOption engineOption(u"engine"_s, u"the engine's URL"_s, u"URL"_s);
const QCommandLineOption tokenOption(u"token"_s, u"the bearer token"_s, u"TOKEN"_s);
const QCommandLineOption caOption(u"ca"_s, u"a CA certificate to trust for wss://"_s, u"FILE"_s);
const QCommandLineOption noStartOption(u"no-start"_s, u"do not start a local engine"_s);
const QCommandLineOption jsonOption(u"json"_s, u"print the engine's JSON result"_s);

// Engine messages are clauses ("there is no run 'x'"); the CLI prints sentences.
QString sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'?') && !text.endsWith(u'!')
        && !text.endsWith(u')'))
        text += u'.';
    return text;
}

} // namespace

const char *const EngineConnection::optionsHelp =
    "Engine options (every engine command):\n"
    "  --engine URL     the engine to talk to, ws:// or wss:// (default: $DELEGATE_ENGINE_URL,\n"
    "                   else the local engine, started when none runs)\n"
    "  --token TOKEN    the bearer token for --engine (default: $DELEGATE_TOKEN, or the file\n"
    "                   $DELEGATE_TOKEN_FILE names; the local engine's token is read for you)\n"
    "  --ca FILE        a CA certificate (PEM) to trust for a wss:// engine beside the\n"
    "                   system's (default: $DELEGATE_CA)\n"
    "  --no-start       do not start a local engine when none runs\n"
    "  --json           print the engine's JSON result instead of text\n";

EngineConnection::EngineConnection(QString command, const char *usage, Console &console)
    : m_command(std::move(command))
    , m_usage(usage)
    , m_console(console)
{ }

EngineConnection::~EngineConnection() = default;

std::optional<int> EngineConnection::parse(QCommandLineParser &parser, const QStringList &arguments)
{
    parser.addOptions({ helpOption, engineOption, tokenOption, caOption, noStartOption, jsonOption });
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        m_console.out() << m_usage << '\n' << optionsHelp;
        m_console.out().flush();
        return ExitOk;
    }
    m_json = parser.isSet(jsonOption);
    m_noStart = parser.isSet(noStartOption);
    if (parser.isSet(engineOption)) {
        m_url = QUrl(parser.value(engineOption));
        if (!m_url.isValid() || (m_url.scheme() != "ws"_L1 && m_url.scheme() != "wss"_L1))
            return usageError(
                u"--engine expects a ws:// or wss:// URL, not '%1'."_s.arg(parser.value(engineOption)));
    }
    m_caFile = parser.value(caOption);
    if (parser.isSet(tokenOption)) {
        m_token = parser.value(tokenOption);
        if (m_url.isEmpty() && qEnvironmentVariableIsEmpty("DELEGATE_ENGINE_URL"))
            return usageError(u"--token goes with --engine URL (or DELEGATE_ENGINE_URL); the local engine's "
                              "token is read from its runtime directory."_s);
    }
    return std::nullopt;
}

std::optional<int> EngineConnection::checkOneRun(const QStringList &positional) const
{
    if (positional.size() == 1)
        return std::nullopt;
    return usageError(positional.isEmpty() ? u"which run? Give its id (delegatectl ls lists them)."_s
                                           : u"one run at a time."_s);
}

int EngineConnection::usageError(const QString &problem) const
{
    m_console.err() << "delegatectl " << m_command << ": " << problem << "\n\n" << m_usage;
    m_console.err().flush();
    return ExitUsage;
}

int EngineConnection::inputError(const QString &problem) const
{
    m_console.err() << "delegatectl " << m_command << ": " << problem << '\n';
    m_console.err().flush();
    return ExitInputError;
}

QCoro::Task<std::optional<int>> EngineConnection::open()
{
    rpc::ConnectOptions options = rpc::ConnectOptions::fromEnvironment();
    if (!m_url.isEmpty())
        options.url = m_url;
    if (!m_token.isEmpty())
        options.token = m_token;
    if (!m_caFile.isEmpty())
        options.caFile = m_caFile;
    options.startIfNeeded = !m_noStart;
    m_client = std::make_unique<rpc::RpcClient>();
    const rpc::RpcOutcome connected = co_await rpc::connectToEngine(m_client.get(), options);
    if (connected.error)
        co_return fail(*connected.error);
    co_return std::nullopt;
}

QCoro::Task<std::optional<QJsonObject>> EngineConnection::call(QString method, QJsonObject params,
                                                               std::chrono::milliseconds timeout)
{
    const rpc::RpcOutcome outcome = co_await m_client->call(method, params, timeout);
    if (outcome.error) {
        fail(*outcome.error);
        co_return std::nullopt;
    }
    co_return outcome.result.toObject();
}

int EngineConnection::fail(const rpc::RpcError &error)
{
    m_failureCode = exitCodeFor(error.code);
    m_console.err() << "delegatectl " << m_command << ": " << sentence(error.message) << '\n';
    if (m_failureCode == ExitProtocol)
        m_console.err() << "The engine does not know this request; it may be older than delegatectl.\n";
    m_console.err().flush();
    return m_failureCode;
}

void EngineConnection::printJson(const QJsonObject &object) const
{
    m_console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    m_console.out().flush();
}

int EngineConnection::exitCodeFor(int rpcErrorCode)
{
    switch (rpcErrorCode) {
    case rpc::InvalidParams:
        return ExitInputError;
    case rpc::NotFound:
        return ExitNotFound;
    case rpc::Unauthenticated:
        return ExitUnauthenticated;
    case rpc::Forbidden:
        return ExitForbidden;
    case rpc::Conflict:
        return ExitConflict;
    case rpc::Unavailable:
        return ExitUnavailable;
    case rpc::ParseError:
    case rpc::InvalidRequest:
    case rpc::MethodNotFound:
        return ExitProtocol;
    default:
        return ExitSoftware;
    }
}

} // namespace delegate::cli
