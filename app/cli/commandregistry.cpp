// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandregistry.h"

#include "console.h"
#include "exitcodes.h"
#include "version.h"

#include <algorithm>

namespace delegate::cli {

void CommandRegistry::add(std::unique_ptr<Command> command)
{
    m_commands.push_back(std::move(command));
}

Command *CommandRegistry::find(const QStringList &arguments) const
{
    Command *best = nullptr;
    qsizetype bestLength = 0;
    for (const auto &command : m_commands) {
        const QStringList path = command->path();
        if (path.size() > arguments.size() || path.size() <= bestLength)
            continue;
        if (std::equal(path.cbegin(), path.cend(), arguments.cbegin())) {
            best = command.get();
            bestLength = path.size();
        }
    }
    return best;
}

QCoro::Task<int> CommandRegistry::dispatch(QStringList arguments, Console &console)
{
    if (arguments.isEmpty() || arguments.constFirst() == QLatin1String("--help")
        || arguments.constFirst() == QLatin1String("-h") || arguments.constFirst() == QLatin1String("help")) {
        printHelp(console, arguments.mid(1));
        co_return arguments.isEmpty() ? ExitUsage : ExitOk;
    }
    if (arguments.constFirst() == QLatin1String("--version")) {
        console.out() << "delegatectl " << QLatin1String(versionString) << Qt::endl;
        co_return ExitOk;
    }
    Command *command = find(arguments);
    if (!command) {
        console.err() << "delegatectl: unknown command '" << arguments.join(QLatin1Char(' ')) << "'.\n\n";
        printHelp(console, arguments.mid(0, 1));
        co_return ExitUsage;
    }
    const int result = co_await command->run(arguments.mid(command->path().size()), console);
    co_return result;
}

void CommandRegistry::printHelp(Console &console, const QStringList &prefix) const
{
    QTextStream &out = console.out();
    out << "Usage: delegatectl COMMAND [OPTIONS]\n\n"
           "Delegate bounded tasks to background agents, review what they return,\n"
           "and audit what they did. Run 'delegatectl COMMAND --help' for a command's options.\n\n"
           "Commands:\n";
    std::vector<const Command *> shown;
    for (const auto &command : m_commands) {
        const QStringList path = command->path();
        if (prefix.isEmpty() || path.constFirst() == prefix.constFirst())
            shown.push_back(command.get());
    }
    if (shown.empty()) {
        for (const auto &command : m_commands)
            shown.push_back(command.get());
    }
    for (const Command *command : shown) {
        const QString name = command->path().join(QLatin1Char(' '));
        out << "  " << name.leftJustified(18) << "  " << command->summary() << '\n';
    }
    out << "\n  --version           print the version\n";
    out.flush();
}

} // namespace delegate::cli
