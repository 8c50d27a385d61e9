// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"
#include "version.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("delegate"));
    QApplication::setApplicationDisplayName(QStringLiteral("Delegate"));
    QApplication::setApplicationVersion(QLatin1String(delegate::versionString));
    QApplication::setOrganizationName(QStringLiteral("delegate"));
    QApplication::setDesktopFileName(QLatin1String(delegate::applicationId));
    QApplication::setWindowIcon(QIcon::fromTheme(QLatin1String(delegate::applicationId),
                                                 QIcon(QStringLiteral(":/icons/dev.delegate.Delegate.svg"))));

    delegate::ui::MainWindow window;
    window.show();
    window.showFirstRunGuideIfNew();
    return app.exec();
}
