// SPDX-License-Identifier: GPL-3.0-or-later
#include "usercommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"

#include "rpc/tokensfile.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

const char userUsage[] =
    "Usage: delegatectl user add NAME --role lead|reviewer|auditor [--tokens FILE] [--json]\n"
    "       delegatectl user list [--tokens FILE] [--json]\n"
    "       delegatectl user revoke NAME [--tokens FILE]\n\n"
    "The people who may use a team server, in the tokens file it reads (delegated\n"
    "--tokens FILE); the daemon notices changes at once (or on SIGHUP).\n"
    "`add` prints the new token once: give it to that person, who passes it with\n"
    "--token or DELEGATE_TOKEN. The file keeps only its SHA-256 digest.\n"
    "`revoke` removes the person's token: new connections with it are refused and\n"
    "the person's open connections are closed.\n\n"
    "  --role ROLE    lead (compose, submit, approve), reviewer (answer, review,\n"
    "                 approve) or auditor (read only)\n"
    "  --tokens FILE  the tokens file (default: ~/.config/delegate/tokens)\n"
    "  --json         print the result as JSON\n\n"
    "Exit codes: 0 done, 64 wrong arguments, 65 the file cannot be read or written,\n"
    "66 no such user (revoke), 75 the user has a token already (add).\n";

} // namespace

UserCommand::UserCommand(Action action)
    : m_action(action)
{ }

QStringList UserCommand::path() const
{
    switch (m_action) {
    case Action::Add:
        return { u"user"_s, u"add"_s };
    case Action::List:
        return { u"user"_s, u"list"_s };
    case Action::Revoke:
        return { u"user"_s, u"revoke"_s };
    }
    return {};
}

QString UserCommand::summary() const
{
    switch (m_action) {
    case Action::Add:
        return u"give a person a token and a role on a team server"_s;
    case Action::List:
        return u"list the people with tokens for a team server"_s;
    case Action::Revoke:
        return u"take a person's token away and close their connections"_s;
    }
    return {};
}

QCoro::Task<int> UserCommand::run(QStringList arguments, Console &console)
{
    const QString command = path().join(u' ');
    const auto usageError = [&](const QString &problem) {
        console.err() << "delegatectl " << command << ": " << problem << "\n\n" << userUsage;
        console.err().flush();
        return int(ExitUsage);
    };
    const auto failure = [&](const QString &problem, int code) {
        console.err() << "delegatectl " << command << ": " << problem << ".\n";
        console.err().flush();
        return code;
    };
    QCommandLineParser parser;
    const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"help"_s);
    const QCommandLineOption roleOption(u"role"_s, u"role"_s, u"ROLE"_s);
    const QCommandLineOption tokensOption(u"tokens"_s, u"tokens file"_s, u"FILE"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"json"_s);
    parser.addOptions({ helpOption, tokensOption, jsonOption });
    if (m_action == Action::Add)
        parser.addOption(roleOption);
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        co_return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        console.out() << userUsage;
        console.out().flush();
        co_return ExitOk;
    }
    rpc::TokensFile file(parser.isSet(tokensOption) ? parser.value(tokensOption)
                                                    : rpc::TokensFile::defaultPath());
    const QStringList positional = parser.positionalArguments();
    const bool json = parser.isSet(jsonOption);

    if (m_action == Action::List) {
        if (!positional.isEmpty())
            co_return usageError(u"unexpected argument '%1'."_s.arg(positional.first()));
        QList<rpc::Identity> people;
        if (auto problem = file.read(&people))
            co_return failure(*problem, ExitInputError);
        if (json) {
            QJsonArray array;
            for (const rpc::Identity &person : std::as_const(people))
                array.append(
                    QJsonObject { { u"user"_s, person.user }, { u"role"_s, enumToString(person.role) } });
            console.out() << QString::fromUtf8(
                QJsonDocument(QJsonObject { { u"tokens_file"_s, file.path() }, { u"users"_s, array } })
                    .toJson(QJsonDocument::Indented));
        } else if (people.isEmpty()) {
            console.out() << "Nobody has a token in " << file.path()
                          << " yet (delegatectl user add NAME --role ROLE).\n";
        } else {
            for (const rpc::Identity &person : std::as_const(people))
                console.out() << person.user.leftJustified(24) << ' ' << enumToString(person.role) << '\n';
        }
        console.out().flush();
        co_return ExitOk;
    }

    if (positional.size() != 1)
        co_return usageError(positional.isEmpty() ? u"whose? Give the user's name."_s
                                                  : u"one user at a time."_s);
    const QString user = positional.first();

    if (m_action == Action::Revoke) {
        QList<rpc::Identity> people;
        if (auto problem = file.read(&people))
            co_return failure(*problem, ExitInputError);
        const bool known = std::any_of(people.cbegin(), people.cend(),
                                       [&user](const rpc::Identity &p) { return p.user == user; });
        if (!known)
            co_return failure(
                u"%1 has no token in %2 (delegatectl user list shows who has)"_s.arg(user, file.path()),
                ExitNotFound);
        if (auto problem = file.revoke(user))
            co_return failure(*problem, ExitInputError);
        console.out() << "Revoked the token of " << user << ". A daemon reading " << file.path()
                      << " refuses it from now on and closes " << user << "'s open connections.\n";
        console.out().flush();
        co_return ExitOk;
    }

    if (!parser.isSet(roleOption))
        co_return usageError(u"--role is missing: lead, reviewer or auditor."_s);
    const std::optional<Role> role = enumFromString<Role>(parser.value(roleOption));
    if (!role)
        co_return usageError(
            u"unknown role '%1': use lead, reviewer or auditor."_s.arg(parser.value(roleOption)));
    QString token;
    if (auto problem = file.add(user, *role, &token)) {
        const int code = problem->contains(u"already has a token"_s) ? ExitConflict
            : problem->contains(u"user name"_s)                      ? ExitUsage
                                                                     : ExitInputError;
        co_return failure(*problem, code);
    }
    if (json) {
        console.out() << QString::fromUtf8(QJsonDocument(QJsonObject { { u"user"_s, user },
                                                                       { u"role"_s, enumToString(*role) },
                                                                       { u"token"_s, token },
                                                                       { u"tokens_file"_s, file.path() } })
                                               .toJson(QJsonDocument::Indented));
    } else {
        console.out() << "Added " << user << " as " << enumToString(*role) << " to " << file.path() << ".\n"
                      << "Their token (shown only now; the file keeps its digest):\n\n"
                      << "  " << token << "\n\n"
                      << "They connect with: delegatectl --engine wss://HOST:PORT --token TOKEN …\n";
    }
    console.out().flush();
    co_return ExitOk;
}

void registerUserCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<UserCommand>(UserCommand::Action::Add));
    registry.add(std::make_unique<UserCommand>(UserCommand::Action::List));
    registry.add(std::make_unique<UserCommand>(UserCommand::Action::Revoke));
}

} // namespace delegate::cli
