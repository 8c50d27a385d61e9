// SPDX-License-Identifier: GPL-3.0-or-later
// The control center's window over a real engine: sections with counts, the
// inbox first, a run opened from anywhere, the quick switcher, the status
// bar, and the layout remembered. With DELEGATE_SCREENSHOT_DIR set it also
// saves a picture of each view there (docs/screenshots/ is made this way).
#include "guiengine.h"

#include "mainwindow.h"
#include "models/checkpointmodel.h"
#include "models/runlistmodel.h"
#include "review/reviewview.h"
#include "shell/quickswitcher.h"
#include "views/runconsole.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

namespace {

void saveScreenshot(QWidget &window, const QString &name)
{
    const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    QCoreApplication::processEvents(); // pending layouts and repaints, before grabbing
    window.grab().save(directory + u'/' + name + u".png"_s);
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void aRunFromQuestionToReview()
    {
        GuiEngine gui;
        gui.harness.maxConcurrentRuns = 3;
        gui.harness.server.setScript({
            askTurn(u"Should I fix sum.py or the test?"_s),
            editTurn(u"return a - b"_s, u"return a + b"_s, u"Fix sum.py"_s),
            submitTurn(u"add() subtracted; it adds now."_s, u"Replaced 1 occurrence"_s),
        });
        QVERIFY(gui.start());
        MainWindow window(gui.hub.get());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // What waits for a person comes first.
        QCOMPARE(window.currentSection(), Sidebar::Inbox);

        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        auto *sidebar = window.findChild<Sidebar *>();
        QTRY_COMPARE_WITH_TIMEOUT(sidebar->count(Sidebar::Inbox), 1, 60000);
        auto *counts = window.findChild<QLabel *>(u"runCounts"_s);
        QTRY_VERIFY(counts->text().contains(u"1 waiting"_s));
        QVERIFY(window.findChild<QLabel *>(u"connectionStatus"_s)->text().contains(u"local connected"_s));
        saveScreenshot(window, u"inbox"_s);

        // Answered from the inbox; the run goes on to review.
        auto *text = window.findChild<QPlainTextEdit *>(u"decisionText"_s);
        QTRY_VERIFY(text->isVisible());
        text->setFocus();
        QTest::keyClicks(text, u"Fix sum.py; the test is right."_s);
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(sidebar->count(Sidebar::Inbox), 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(window.runs()->summary(u"local"_s, runId).value("state"_L1).toString(),
                                  u"in_review"_s, 60000);

        // Ctrl+2 shows the runs; opening the run fills the console and the review.
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentSection(), Sidebar::Runs);
        window.openRun(u"local"_s, runId);
        auto *board = window.findChild<QTreeView *>(u"runsView"_s);
        QCOMPARE(board->currentIndex().data(RunListModel::RunIdRole).toString(), runId);
        QCOMPARE(window.findChild<RunConsole *>()->runId(), runId);
        auto *review = window.findChild<ReviewView *>();
        QCOMPARE(review->runId(), runId);
        QTRY_COMPARE_WITH_TIMEOUT(review->latestVersion(), 1, 20000);
        auto *detail = window.findChild<QTabWidget *>(u"runDetail"_s);
        detail->setCurrentWidget(window.findChild<RunConsole *>());
        saveScreenshot(window, u"runs-console"_s);
        detail->setCurrentWidget(review);
        saveScreenshot(window, u"runs-review"_s);

        // Ctrl+K jumps to a run by a few letters of its task.
        window.showSection(Sidebar::Inbox);
        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        auto *switcher = window.findChild<QuickSwitcher *>();
        QTRY_VERIFY(switcher->isVisible());
        QTest::keyClicks(switcher->input(), u"fix add"_s);
        QTest::keyClick(switcher->input(), Qt::Key_Return);
        QCOMPARE(window.currentSection(), Sidebar::Runs);
        QVERIFY(!switcher->isVisible());
    }

    void holdsASecondEngine()
    {
        QSettings().clear();
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Which file?"_s) });
        QVERIFY(gui.start());
        QVERIFY(!gui.submit(gui.harness.fixTheTest()).isEmpty());
        MainWindow window(gui.hub.get());
        QTRY_COMPARE_WITH_TIMEOUT(window.runs()->runCount(), 1, 20000);

        // The same engine again, as grace the reviewer, through a token file.
        QTemporaryDir dir;
        const QString tokenFile = dir.filePath(u"team.token"_s);
        QFile token(tokenFile);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("reviewer-token\n");
        token.close();
        QVERIFY(window.addRemoteEngine(u"team"_s, gui.server->url(), dir.filePath(u"missing"_s))
                    .contains(u"Cannot read the token file"_s));
        QCOMPARE(window.addRemoteEngine(u"team"_s, gui.server->url(), tokenFile), QString());
        EngineSession *team = gui.hub->engine(u"team"_s);
        QVERIFY(team);
        QTRY_VERIFY_WITH_TIMEOUT(team->isConnected(), 20000);
        QCOMPARE(team->identity().user, u"grace"_s);
        // Each engine's runs, told apart by the engine they belong to.
        QTRY_COMPARE_WITH_TIMEOUT(window.runs()->runCount(), 2, 20000);
        const QString runId = window.runs()->index(0, 0).data(RunListModel::RunIdRole).toString();
        QVERIFY(window.runs()->indexOf(u"team"_s, runId).isValid());
        QVERIFY(window.findChild<QLabel *>(u"connectionStatus"_s)->text().contains(u"team connected"_s));
        QVERIFY(window.findChild<QListWidget *>(u"engines"_s)->item(1)->text().contains(u"team"_s));

        // Remembered for the next start: the token file's path, not the token.
        QSettings settings;
        QCOMPARE(settings.beginReadArray(u"engines"_s), 1);
        settings.setArrayIndex(0);
        QCOMPARE(settings.value(u"tokenFile"_s).toString(), tokenFile);
        QCOMPARE(settings.value(u"url"_s).toUrl(), gui.server->url());
        settings.endArray();
        QSettings().clear();
    }

    void remembersItsLayout()
    {
        QSettings().clear();
        QList<int> splitterSizes;
        {
            EngineHub hub;
            MainWindow window(&hub);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1100, 700);
            window.showSection(Sidebar::Runs);
            auto *splitter = window.findChild<QSplitter *>(u"runsSplitter"_s);
            splitter->setSizes({ 300, 500 });
            splitterSizes = splitter->sizes();
            window.close();
        }
        EngineHub hub;
        MainWindow reopened(&hub);
        QCOMPARE(reopened.size(), QSize(1100, 700));
        QCOMPARE(reopened.currentSection(), Sidebar::Runs);
        reopened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&reopened));
        QCOMPARE(reopened.findChild<QSplitter *>(u"runsSplitter"_s)->sizes(), splitterSizes);
    }

    void anEmptyBoardTeaches()
    {
        EngineHub hub;
        MainWindow window(&hub);
        window.showSection(Sidebar::Runs);
        window.show();
        auto *empty = window.findChild<QLabel *>(u"runsEmpty"_s);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"No runs yet"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
