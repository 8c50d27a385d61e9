// SPDX-License-Identifier: GPL-3.0-or-later
#include "version.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("delegate"));
    QCoreApplication::setApplicationVersion(QLatin1String(delegate::versionString));
    return 0;
}
