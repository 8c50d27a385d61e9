// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"
#include "secrets/keychainsecrets.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace delegate::cli {

namespace {

const char *const setUsage =
    "Usage: delegatectl secret set NAME [--from-file PATH]\n\n"
    "Stores the value of the secret NAME in the system keychain (service \"Delegate\"),\n"
    "where the engine reads it when an environment grants NAME. The value is read from\n"
    "standard input (one trailing newline is dropped), or from PATH:\n\n"
    "  read -rs VALUE && printf %s \"$VALUE\" | delegatectl secret set GITHUB_TOKEN\n\n"
    "Exit codes: 0 stored, 64 wrong arguments, 65 empty value or unreadable file,\n"
    "69 no keychain service runs, 70 the keychain refused.\n";
const char *const removeUsage =
    "Usage: delegatectl secret remove NAME\n\n"
    "Removes the value of NAME from the system keychain (nothing to do when it has none).\n";
const char *const statusUsage =
    "Usage: delegatectl secret status NAME...\n\n"
    "Says whether the keychain holds a value for each NAME; never prints a value.\n"
    "Exit codes: 0 all set, 1 one or more not set, 69 no keychain service runs.\n";

int usageError(Console &console, const QString &command, const QString &problem, const char *usage)
{
    console.err() << "delegatectl secret " << command << ": " << problem << "\n\n" << usage;
    console.err().flush();
    return ExitUsage;
}

// The positional arguments, or an exit code when the command is done.
std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments, Console &console,
                         const QString &command, const char *usage, bool oneName)
{
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"show this help"_s);
    parser.addOption(help);
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        return usageError(console, command, parser.errorText(), usage);
    if (parser.isSet(help)) {
        console.out() << usage;
        console.out().flush();
        return ExitOk;
    }
    const QStringList names = parser.positionalArguments();
    if (names.isEmpty() || (oneName && names.size() != 1))
        return usageError(console, command, oneName ? u"name one secret"_s : u"name at least one secret"_s,
                          usage);
    static const QRegularExpression variable(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    for (const QString &name : names) {
        if (!variable.match(name).hasMatch())
            return usageError(
                console, command,
                u"`%1` cannot name a secret: it becomes an environment variable, so use letters, "
                "digits and _, such as GITHUB_TOKEN"_s.arg(name),
                usage);
    }
    return std::nullopt;
}

int failure(Console &console, const QString &command, const SecretOutcome &outcome)
{
    console.err() << "delegatectl secret " << command << ": " << outcome.message << '\n';
    console.err().flush();
    return outcome.status == SecretOutcome::Status::NoService ? ExitUnavailable : ExitSoftware;
}

} // namespace

QStringList SecretSetCommand::path() const
{
    return { u"secret"_s, u"set"_s };
}

QString SecretSetCommand::summary() const
{
    return u"Store a secret's value in the system keychain (read from standard input)"_s;
}

QCoro::Task<int> SecretSetCommand::run(QStringList arguments, Console &console)
{
    QCommandLineParser parser;
    const QCommandLineOption fromFile(u"from-file"_s, u"read the value from this file"_s, u"path"_s);
    parser.addOption(fromFile);
    if (const std::optional<int> done = parse(parser, arguments, console, u"set"_s, setUsage, true))
        co_return *done;
    const QString name = parser.positionalArguments().constFirst();

    QFile input;
    const bool opened = parser.isSet(fromFile)
        ? (input.setFileName(parser.value(fromFile)), input.open(QIODevice::ReadOnly))
        : input.open(stdin, QIODevice::ReadOnly);
    if (!opened) {
        console.err() << "delegatectl secret set: cannot read " << input.fileName() << ": "
                      << input.errorString() << '\n';
        co_return ExitInputError;
    }
    QByteArray bytes = input.readAll();
    if (bytes.endsWith('\n'))
        bytes.chop(bytes.endsWith("\r\n") ? 2 : 1);
    const QString value = QString::fromUtf8(bytes);
    bytes.fill('\0');
    if (value.isEmpty()) {
        console.err() << "delegatectl secret set: the value is empty; pipe it in, e.g. "
                         "`printf %s \"$VALUE\" | delegatectl secret set "
                      << name << "`\n";
        co_return ExitInputError;
    }
    const KeychainSecrets keychain;
    const SecretOutcome outcome = co_await keychain.write(name, value);
    if (!outcome.ok())
        co_return failure(console, u"set"_s, outcome);
    console.out() << "stored " << name << " in the keychain (service \"" << keychain.service() << "\")\n";
    co_return ExitOk;
}

QStringList SecretRemoveCommand::path() const
{
    return { u"secret"_s, u"remove"_s };
}

QString SecretRemoveCommand::summary() const
{
    return u"Remove a secret's value from the system keychain"_s;
}

QCoro::Task<int> SecretRemoveCommand::run(QStringList arguments, Console &console)
{
    QCommandLineParser parser;
    if (const std::optional<int> done = parse(parser, arguments, console, u"remove"_s, removeUsage, true))
        co_return *done;
    const QString name = parser.positionalArguments().constFirst();
    const KeychainSecrets keychain;
    const SecretOutcome outcome = co_await keychain.remove(name);
    if (!outcome.ok())
        co_return failure(console, u"remove"_s, outcome);
    console.out() << "removed " << name << " from the keychain\n";
    co_return ExitOk;
}

QStringList SecretStatusCommand::path() const
{
    return { u"secret"_s, u"status"_s };
}

QString SecretStatusCommand::summary() const
{
    return u"Say whether the keychain holds a value for each secret"_s;
}

QCoro::Task<int> SecretStatusCommand::run(QStringList arguments, Console &console)
{
    QCommandLineParser parser;
    if (const std::optional<int> done = parse(parser, arguments, console, u"status"_s, statusUsage, false))
        co_return *done;
    const QStringList names = parser.positionalArguments();
    const KeychainSecrets keychain;
    int exit = ExitAllSet;
    for (const QString &name : names) {
        const QString key = name;
        const SecretOutcome outcome = co_await keychain.read(key);
        if (outcome.ok()) {
            console.out() << name << ": set\n";
        } else if (outcome.status == SecretOutcome::Status::NotFound) {
            console.out() << name << ": not set\n";
            exit = ExitSomeUnset;
        } else {
            console.out().flush();
            co_return failure(console, u"status"_s, outcome);
        }
    }
    co_return exit;
}

void registerSecretCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<SecretSetCommand>());
    registry.add(std::make_unique<SecretRemoveCommand>());
    registry.add(std::make_unique<SecretStatusCommand>());
}

} // namespace delegate::cli
