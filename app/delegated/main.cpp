// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/engine.h"
#include "engine/enginedaemon.h"
#include "logfile.h"
#include "rpc/localengine.h"
#include "secrets/storedsecretprovider.h"
#include "settings/settingsfile.h"
#include "store/eventstore.h"
#include "unixsignalnotifier.h"
#include "version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QTextStream>

#include <csignal>

using namespace Qt::StringLiterals;
using delegate::DaemonOptions;

namespace {

// Exit codes (docs/cli.md): 64 wrong arguments, 69 the engine could not start.
constexpr int exitUsage = 64;
constexpr int exitUnavailable = 69;

struct Parsed
{
    DaemonOptions options;
    QString logFile;
    QString error;
};

// What the Settings page saved: providers (keys from the keychain), limits
// and the store. A mistake in the file stops the engine with its place.
QString applySettingsFile(const QString &path, const delegate::SecretProvider &secrets,
                          delegate::EngineOptions &engine)
{
    const delegate::LoadResult<delegate::DelegateSettings> loaded = delegate::SettingsFile::load(path);
    if (!loaded.ok()) {
        QStringList problems;
        for (const delegate::SourceError &error : loaded.errors)
            problems.append(error.toString());
        return u"the settings file cannot be read; fix it in the app's Settings or by hand:\n  %1"_s.arg(
            problems.join(u"\n  "_s));
    }
    QStringList keyNames;
    for (const delegate::ProviderSetting &provider : loaded.value->providers)
        keyNames.append(provider.keyName());
    QHash<QString, QString> keys;
    if (!keyNames.isEmpty()) {
        QCoro::waitFor(secrets.prefetch(keyNames));
        for (const delegate::ProviderSetting &provider : loaded.value->providers) {
            if (const std::optional<QString> key = secrets.value(provider.keyName()))
                keys.insert(provider.name, *key);
        }
    }
    engine.applySettings(*loaded.value, keys);
    return {};
}

Parsed parseArguments(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"The Delegate engine: runs agents in sandboxes in the background, keeps the audit history, and "
        "serves the GUI and delegatectl over JSON-RPC (docs/protocol.md). One per user; clients start it "
        "on demand."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption store(
        u"store"_s,
        u"The database file (default: %1), or a team store: postgresql://user@host:port/database (the "
        "password from ~/.pgpass, PGPASSFILE or PGPASSWORD, never in the address)."_s.arg(
            delegate::EventStore::defaultPath()),
        u"path|url"_s);
    const QCommandLineOption workspaces(
        u"workspaces"_s, u"Where runs' worktrees go (default: workspaces beside the store)."_s, u"dir"_s);
    const QCommandLineOption listen(u"listen"_s, u"The address to listen on (default: 127.0.0.1)."_s,
                                    u"address"_s);
    const QCommandLineOption port(u"port"_s, u"The port (default: any free port)."_s, u"port"_s);
    const QCommandLineOption runtimeDir(u"runtime-dir"_s,
                                        u"Where to publish the address and token (default: %1)."_s.arg(
                                            delegate::rpc::LocalEngineDirectory::defaultPath()),
                                        u"dir"_s);
    const QCommandLineOption tokens(
        u"tokens"_s, u"A file of more people: \"<user> <role> <sha-256 of token>\" per line."_s, u"file"_s);
    const QCommandLineOption tlsCert(
        u"tls-cert"_s,
        u"Serve wss:// on --listen with this certificate (PEM); local clients keep ws:// on loopback."_s,
        u"file"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s, u"The private key (PEM) of --tls-cert."_s, u"file"_s);
    const QCommandLineOption log(u"log"_s, u"Write messages to this file instead of standard error."_s,
                                 u"file"_s);
    const QCommandLineOption maxRuns(u"max-runs"_s, u"Runs going at once (default: 4)."_s, u"n"_s);
    const QCommandLineOption dailyBudget(u"daily-budget"_s, u"US dollars runs may spend per day (UTC)."_s,
                                         u"usd"_s);
    const QCommandLineOption settings(
        u"settings"_s,
        u"The settings file the app's Settings page writes: model providers, limits, store (default: %1). "
        "Command-line options win over it."_s.arg(delegate::SettingsFile::defaultPath()),
        u"file"_s);
    parser.addOptions({ store, workspaces, listen, port, runtimeDir, tokens, tlsCert, tlsKey, log, maxRuns,
                        dailyBudget, settings });
    parser.process(app);

    Parsed parsed;
    DaemonOptions &options = parsed.options;
    options.engine = delegate::EngineOptions::fromEnvironment();
    // Secret values the person set in the GUI live in the system keychain.
    const auto secrets = std::make_shared<delegate::StoredSecretProvider>();
    options.engine.secrets = secrets;
    if (const QString problem = applySettingsFile(
            parser.isSet(settings) ? parser.value(settings) : delegate::SettingsFile::defaultPath(), *secrets,
            options.engine);
        !problem.isEmpty()) {
        parsed.error = problem;
        return parsed;
    }
    if (parser.isSet(store))
        options.engine.storePath = parser.value(store);
    options.engine.workspaceRoot = parser.value(workspaces);
    options.runtimeDirectory = parser.value(runtimeDir);
    options.tokensFile = parser.value(tokens);
    options.tlsCertificateFile = parser.value(tlsCert);
    options.tlsKeyFile = parser.value(tlsKey);
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        parsed.error = u"--tls-cert and --tls-key go together: pass the certificate and its key"_s;
    parsed.logFile = parser.value(log);
    if (parser.isSet(listen) && !options.address.setAddress(parser.value(listen)))
        parsed.error = u"--listen: '%1' is not an IP address, e.g. 127.0.0.1"_s.arg(parser.value(listen));
    bool ok = true;
    if (parser.isSet(port)) {
        options.port = parser.value(port).toUShort(&ok);
        if (!ok)
            parsed.error = u"--port: '%1' is not a port number"_s.arg(parser.value(port));
    }
    if (parser.isSet(maxRuns)) {
        options.engine.limits.maxConcurrentRuns = parser.value(maxRuns).toInt(&ok);
        if (!ok || options.engine.limits.maxConcurrentRuns < 1)
            parsed.error = u"--max-runs: '%1' is not a positive number"_s.arg(parser.value(maxRuns));
    }
    if (parser.isSet(dailyBudget)) {
        options.engine.limits.dailyBudgetUsd = parser.value(dailyBudget).toDouble(&ok);
        if (!ok || *options.engine.limits.dailyBudgetUsd < 0)
            parsed.error =
                u"--daily-budget: '%1' is not an amount of dollars"_s.arg(parser.value(dailyBudget));
    }
    return parsed;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"delegate"_s);
    QCoreApplication::setApplicationVersion(QLatin1String(delegate::versionString));
    // A client that disconnects mid-write must not kill the engine.
    std::signal(SIGPIPE, SIG_IGN);

    QTextStream err(stderr);
    const Parsed parsed = parseArguments(app);
    if (!parsed.error.isEmpty()) {
        err << "delegated: " << parsed.error << Qt::endl;
        return exitUsage;
    }
    if (!parsed.logFile.isEmpty()) {
        if (const auto problem = logToFile(parsed.logFile)) {
            err << "delegated: " << *problem << Qt::endl;
            return exitUsage;
        }
    }

    UnixSignalNotifier signals;
    delegate::EngineDaemon daemon(parsed.options);
    if (const auto problem = QCoro::waitFor(daemon.start())) {
        qCritical("delegated: %s", qPrintable(*problem));
        return exitUnavailable;
    }
    qInfo("delegated: serving %s at %s (store %s)", delegate::versionString,
          qPrintable(daemon.url().toString()), qPrintable(daemon.engine()->storePath()));
    if (!daemon.teamUrl().isEmpty())
        qInfo("delegated: serving the team at %s", qPrintable(daemon.teamUrl().toString()));

    bool stopping = false;
    QObject::connect(&signals, &UnixSignalNotifier::reloadRequested, &daemon,
                     [&daemon] { daemon.reloadTokens(); });
    QObject::connect(&signals, &UnixSignalNotifier::terminationRequested, &app, [&](int signal) {
        if (std::exchange(stopping, true))
            return;
        qInfo("delegated: stopping on signal %d", signal);
        QCoro::connect(daemon.stop(u"signal %1"_s.arg(signal)), &app, [] { QCoreApplication::quit(); });
    });
    return app.exec();
}
