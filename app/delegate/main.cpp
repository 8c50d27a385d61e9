// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"
#include "version.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("delegate"));
    QApplication::setApplicationDisplayName(QStringLiteral("Delegate"));
    QApplication::setApplicationVersion(QLatin1String(delegate::versionString));
    QApplication::setOrganizationName(QStringLiteral("delegate"));
    QApplication::setDesktopFileName(QLatin1String(delegate::applicationId));

    delegate::ui::MainWindow window;
    window.show();
    return app.exec();
}
