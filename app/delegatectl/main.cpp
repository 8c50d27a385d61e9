// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "version.h"

#include <QCoreApplication>
#include <QCoro/QCoroTask>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("delegate"));
    QCoreApplication::setApplicationVersion(QLatin1String(delegate::versionString));

    delegate::cli::CommandRegistry registry;
    delegate::cli::registerAllCommands(registry);
    return QCoro::waitFor(registry.dispatch(app.arguments().mid(1), delegate::cli::Console::standard()));
}
