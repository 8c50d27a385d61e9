// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace delegate::ui;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void showsProductName()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Delegate"));
        const auto *title = window.findChild<QLabel *>(QStringLiteral("productTitle"));
        QVERIFY(title);
        QCOMPARE(title->text(), QStringLiteral("Delegate"));
    }

    void remembersGeometry()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(900, 640);
            window.close();
        }
        MainWindow reopened;
        QCOMPARE(reopened.size(), QSize(900, 640));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
