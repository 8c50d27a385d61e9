// SPDX-License-Identifier: GPL-3.0-or-later
// The watch wall over a real engine: runs that are going get a tile each,
// newest first, with their live tail and usage; ended runs leave and let go
// of their event topic; tiles open their run; what does not fit is counted.
#include "guiengine.h"

#include "models/runlistmodel.h"
#include "models/topicsubscriptions.h"
#include "views/watchtile.h"
#include "views/watchwall.h"

#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using delegate::ui::RunListModel;
using delegate::ui::WatchTile;
using delegate::ui::WatchWall;

namespace {

constexpr int engineTimeout = 90000;

// Each run, told apart by its title in the prompt, runs a command and then asks.
void scriptRun(GuiEngine &gui, const QString &title)
{
    const QString tag = title.toLower().replace(u' ', u'-');
    QJsonObject work = turn({ call(u"run"_s, { { u"command"_s, u"echo output-of-%1"_s.arg(tag) } }) });
    work.insert(u"when_contains"_s, title);
    work.insert(u"text"_s, u"Working on %1."_s.arg(title));
    work.insert(u"usage"_s, QJsonObject { { u"input"_s, 2000 }, { u"output"_s, 500 } });
    gui.harness.server.appendTurn(work);
    QJsonObject ask = askTurn(u"Done with %1?"_s.arg(title));
    ask.insert(u"when_contains"_s, title);
    gui.harness.server.appendTurn(ask);
}

QString submitTitled(GuiEngine &gui, const QString &title)
{
    SubmitRequest request = gui.harness.fixTheTest();
    request.task.title = title;
    return gui.submit(request).value(0);
}

QString tailOf(const WatchWall &wall, const QString &runId)
{
    const WatchTile *tile = wall.tile(u"local"_s, runId);
    return tile ? tile->tail().join(u'\n') : QString();
}

} // namespace

class TestWatchWall final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tilesFollowRunsThatAreGoing()
    {
        GuiEngine gui;
        const QStringList titles { u"Alpha task"_s, u"Beta task"_s, u"Gamma task"_s };
        for (const QString &title : titles)
            scriptRun(gui, title);
        gui.harness.maxConcurrentRuns = 3;
        QVERIFY(gui.start());

        RunListModel runs(gui.hub.get());
        WatchWall wall(gui.hub.get(), &runs);
        wall.resize(1300, 800);
        wall.show();
        QSignalSpy opened(&wall, &WatchWall::openRun);
        QVERIFY(wall.findChild<QLabel *>(u"emptyState"_s)->isVisible());

        QStringList ids;
        for (const QString &title : titles)
            ids.append(submitTitled(gui, title));
        for (const QString &id : std::as_const(ids))
            QVERIFY(!id.isEmpty());

        // Each run gets a tile with its live tail: the command, its output, the question.
        QTRY_COMPARE_WITH_TIMEOUT(runs.stateCounts().value(u"waiting_for_human"_s), 3, engineTimeout);
        QTRY_COMPARE(wall.shownRuns().size(), 3);
        QCOMPARE(wall.hiddenCount(), 0);
        QVERIFY(!wall.findChild<QLabel *>(u"emptyState"_s)->isVisible());
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const QString tag = titles.at(i).toLower().replace(u' ', u'-');
            QTRY_VERIFY2_WITH_TIMEOUT(tailOf(wall, ids.at(i)).contains(u"$ echo output-of-"_s + tag),
                                      qPrintable(tailOf(wall, ids.at(i))), 20000);
            QTRY_VERIFY(tailOf(wall, ids.at(i)).contains(u"Done with %1?"_s.arg(titles.at(i))));
            const WatchTile *tile = wall.tile(u"local"_s, ids.at(i));
            QTRY_COMPARE(tile->state(), u"waiting_for_human"_s);
            QCOMPARE(tile->title(), titles.at(i));
            QTRY_VERIFY(tile->tokens() >= 2500);
        }
        // Newest first.
        QCOMPARE(wall.shownRuns().constFirst().second, ids.constLast());
        ui::EngineSession *session = gui.session();
        QCOMPARE(ui::TopicSubscriptions::of(session)->users(u"events:"_s + ids.at(0)), 1);

        // The tail goes on live.
        QVERIFY(QCoro::waitFor(gui.engine->steer(ids.at(1), u"Mind the edge cases"_s, u"user:ada"_s)).ok());
        QTRY_VERIFY(tailOf(wall, ids.at(1)).contains(u"Mind the edge cases"_s));

        // Double-click or Enter opens the run.
        WatchTile *tile = wall.tile(u"local"_s, ids.at(2));
        QTest::mouseDClick(tile, Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), u"local"_s);
        QCOMPARE(opened.at(0).at(1).toString(), ids.at(2));
        tile->setFocus();
        QTest::keyClick(tile, Qt::Key_Return);
        QCOMPARE(opened.size(), 2);

        // A run that ends leaves the wall and its topic is let go.
        QVERIFY(QCoro::waitFor(gui.engine->cancel(ids.at(0), u"user:ada"_s, u"not needed"_s)).ok());
        QTRY_COMPARE(wall.shownRuns().size(), 2);
        QVERIFY(!wall.tile(u"local"_s, ids.at(0)));
        QCOMPARE(ui::TopicSubscriptions::of(session)->users(u"events:"_s + ids.at(0)), 0);

        // Small: two tiles, and a note of the rest.
        wall.resize(420, 300);
        QTRY_COMPARE(wall.capacity(), WatchWall::minimumTiles);
        wall.refresh();
        QCOMPARE(wall.shownRuns().size(), 2);
        QCOMPARE(wall.hiddenCount(), 0);

        if (const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR"); !directory.isEmpty()) {
            QDir().mkpath(directory);
            wall.resize(1100, 520);
            wall.refresh();
            QCoreApplication::processEvents(); // pending layouts and repaints, before grabbing
            QVERIFY(wall.grab().save(directory + u"/watchwall.png"_s));
        }
    }

    void onlyWhatFitsIsWatched()
    {
        GuiEngine gui;
        for (int i = 0; i < 3; ++i)
            gui.harness.server.appendTurn(askTurn(u"Which file?"_s));
        gui.harness.maxConcurrentRuns = 3;
        QVERIFY(gui.start());
        RunListModel runs(gui.hub.get());
        WatchWall wall(gui.hub.get(), &runs);
        wall.resize(360, 300); // room for the minimum of two
        wall.show();
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids.append(submitTitled(gui, u"Run %1"_s.arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(runs.stateCounts().value(u"waiting_for_human"_s), 3, engineTimeout);
        QTRY_COMPARE(wall.hiddenCount(), 1);
        QCOMPARE(wall.shownRuns().size(), 2);
        auto *more = wall.findChild<QLabel *>(u"moreNote"_s);
        QVERIFY(more->isVisible());
        QVERIFY(more->text().startsWith(u"+1 more"_s));
        // The hidden run is not subscribed to.
        const QString hidden = ids.constFirst(); // the oldest
        QVERIFY(!wall.tile(u"local"_s, hidden));
        QCOMPARE(ui::TopicSubscriptions::of(gui.session())->users(u"events:"_s + hidden), 0);
    }
};

QTEST_MAIN(TestWatchWall)
#include "tst_watchwall.moc"
