// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginecommands.h"

#include "commandregistry.h"
#include "console.h"
#include "engineconnection.h"
#include "exitcodes.h"

#include "domain/enumnames.h"
#include "domain/runstate.h"
#include "rpc/localengine.h"
#include "rpc/rpcclient.h"

#include <QCommandLineParser>
#include <QCoro/QCoroTimer>
#include <QJsonArray>

#include <chrono>
#include <csignal>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

const char *const statusUsage =
    "Usage: delegatectl engine status [engine options]\n\n"
    "Shows the engine's version and protocol, its store, the model providers it\n"
    "has, its limits, how many runs are in each state and what was spent today.\n\n"
    "Example:\n"
    "  delegatectl engine status --engine wss://delegate.example.com\n";

QString limitsText(const QJsonObject &limits)
{
    QStringList parts { u"%1 runs at once"_s.arg(limits.value("max_concurrent_runs"_L1).toInt()) };
    for (const char *key : { "per_environment", "per_provider" }) {
        const QJsonObject perKey = limits.value(QLatin1StringView(key)).toObject();
        QStringList entries;
        for (auto it = perKey.constBegin(); it != perKey.constEnd(); ++it)
            entries.append(it.key() + u' ' + QString::number(it.value().toInt()));
        if (!entries.isEmpty())
            parts.append(QString::fromLatin1(key).replace(u'_', u' ') + u": "_s + entries.join(u", "_s));
    }
    if (limits.value("daily_budget_usd"_L1).isDouble())
        parts.append(u"daily budget $"_s
                     + QString::number(limits.value("daily_budget_usd"_L1).toDouble(), 'f', 2));
    return parts.join(u"; "_s);
}

QString runsText(const QJsonObject &counts)
{
    QStringList parts;
    // In the order of a run's life, not alphabetically.
    for (const QString &state : enumNameList<RunState>()) {
        const int count = counts.value(state).toInt();
        if (count > 0)
            parts.append(u"%1 %2"_s.arg(count).arg(state));
    }
    return parts.isEmpty() ? u"none"_s : parts.join(u", "_s);
}

} // namespace

QStringList EngineStatusCommand::path() const
{
    return { u"engine"_s, u"status"_s };
}

QString EngineStatusCommand::summary() const
{
    return u"show the engine: versions, store, providers, limits, runs, spending"_s;
}

QCoro::Task<int> EngineStatusCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"engine status"_s, statusUsage, console);
    QCommandLineParser parser;
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    if (!parser.positionalArguments().isEmpty())
        co_return engine.usageError(
            u"unexpected argument '%1'."_s.arg(parser.positionalArguments().constFirst()));
    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const QJsonObject params;
    const std::optional<QJsonObject> status = co_await engine.call(u"engine.status"_s, params);
    if (!status)
        co_return engine.failureCode();
    if (engine.json()) {
        engine.printJson(*status);
        co_return ExitOk;
    }
    QStringList providers;
    const QString defaultProvider = status->value("default_provider"_L1).toString();
    const QJsonArray providerArray = status->value("providers"_L1).toArray();
    for (const QJsonValue &provider : providerArray)
        providers.append(provider.toString()
                         + (provider.toString() == defaultProvider ? u" (default)"_s : QString()));
    const rpc::Identity &identity = engine.client().identity();
    QTextStream &out = console.out();
    const auto field = [&out](const char *name, const QString &value) {
        out << QString::fromLatin1(name).leftJustified(12) << value << '\n';
    };
    field("engine",
          u"%1, protocol %2, at %3"_s.arg(status->value("engine_version"_L1).toString())
              .arg(status->value("protocol_version"_L1).toInt())
              .arg(engine.client().url().toString()));
    field("you", u"%1 (%2)"_s.arg(identity.user, enumToString(identity.role)));
    field("store", status->value("store"_L1).toString());
    field("providers",
          providers.isEmpty() ? u"none: set OPENAI_API_KEY or ANTHROPIC_API_KEY for delegated"_s
                              : providers.join(u", "_s));
    field("limits", limitsText(status->value("limits"_L1).toObject()));
    field("runs", runsText(status->value("runs"_L1).toObject()));
    field("spent today", u"$"_s + QString::number(status->value("spent_today_usd"_L1).toDouble(), 'f', 2));
    const QJsonArray hosts = status->value("hosts"_L1).toArray();
    for (const QJsonValue &value : hosts) {
        const QJsonObject host = value.toObject();
        QString text = u"%1: %2/%3 runs"_s.arg(host.value("host"_L1).toString())
                           .arg(host.value("running"_L1).toInt())
                           .arg(host.value("capacity"_L1).toInt());
        if (host.value("load"_L1).isDouble())
            text += u", load %1"_s.arg(host.value("load"_L1).toDouble(), 0, 'f', 2);
        text += host.value("reachable"_L1).toBool(true)
            ? u", reachable"_s
            : u", UNREACHABLE: %1"_s.arg(host.value("problem"_L1).toString());
        field("host", text);
    }
    out.flush();
    co_return ExitOk;
}

QStringList EngineStopCommand::path() const
{
    return { u"engine"_s, u"stop"_s };
}

QString EngineStopCommand::summary() const
{
    return u"stop your local engine; its runs resume when it starts again"_s;
}

QCoro::Task<int> EngineStopCommand::run(QStringList arguments, Console &console)
{
    if (arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s)) {
        console.out() << "Usage: delegatectl engine stop\n\n"
                         "Asks the local engine published in $DELEGATE_RUNTIME_DIR (default\n"
                         "$XDG_RUNTIME_DIR/delegate) to stop, and waits until it has. Runs that were\n"
                         "going are marked interrupted and resume when an engine starts again.\n";
        console.out().flush();
        co_return ExitOk;
    }
    if (!arguments.isEmpty()) {
        console.err() << "delegatectl engine stop: unexpected argument '" << arguments.constFirst() << "'\n";
        console.err().flush();
        co_return ExitUsage;
    }
    const rpc::LocalEngineDirectory directory;
    const rpc::LocalEngineDirectory::ReadResult published = directory.read();
    if (!published.endpoint || published.endpoint->pid <= 0
        || ::kill(pid_t(published.endpoint->pid), 0) != 0) {
        console.err() << "delegatectl engine stop: no local engine is running ("
                      << (published.problem.isEmpty() ? u"it is gone"_s : published.problem) << ")\n";
        console.err().flush();
        co_return ExitUnavailable;
    }
    const pid_t pid = pid_t(published.endpoint->pid);
    ::kill(pid, SIGTERM);
    // The engine records that it stopped and withdraws its files; a minute
    // is far more than that takes.
    for (int waited = 0; waited < 600; ++waited) {
        if (::kill(pid, 0) != 0) {
            console.out() << "Stopped the engine (pid " << pid << ").\n";
            console.out().flush();
            co_return ExitOk;
        }
        co_await QCoro::sleepFor(std::chrono::milliseconds(100));
    }
    console.err() << "delegatectl engine stop: the engine (pid " << pid
                  << ") has not stopped after a minute; see " << directory.logFile() << "\n";
    console.err().flush();
    co_return ExitUnavailable;
}

void registerEngineCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<EngineStatusCommand>());
    registry.add(std::make_unique<EngineStopCommand>());
}

} // namespace delegate::cli
