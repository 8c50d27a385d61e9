// SPDX-License-Identifier: GPL-3.0-or-later
// The run console over a real engine: a run's events stream in as they
// happen (QAbstractItemModelTester watching the model from before it
// fills), tool calls fold and unfold, search finds text, and a lead pauses,
// resumes, steers and — after confirming — cancels; an auditor may only
// watch. A synthetic run of 50 000 events checks that the stream lays out
// from its caches.
#include "guiengine.h"

#include "models/runeventmodel.h"
#include "models/topicsubscriptions.h"
#include "views/runconsole.h"
#include "views/runeventdelegate.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using delegate::ui::RunConsole;
using delegate::ui::RunEventModel;

namespace {

constexpr int engineTimeout = 90000;

// The agent says something in Markdown and runs a command, then asks.
QJsonObject workTurn(const QString &command)
{
    QJsonObject work = turn({ call(u"run"_s, { { u"command"_s, command } }) });
    work.insert(u"text"_s, u"Let me look at the **tests** first.\n\n- read `sum.py`\n- run them"_s);
    work.insert(u"usage"_s, QJsonObject { { u"input"_s, 1200 }, { u"output"_s, 340 } });
    return work;
}

int rowWhere(const RunEventModel *model, const std::function<bool(const QModelIndex &)> &test)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (test(model->index(row)))
            return row;
    }
    return -1;
}

int rowOfKind(const RunEventModel *model, const QString &kind)
{
    return rowWhere(model, [&](const QModelIndex &index) {
        return index.data(RunEventModel::KindRole).toString() == kind;
    });
}

QString stateOf(const RunConsole &console)
{
    return console.summary().value("state"_L1).toString();
}

template<typename T> T *child(const QWidget &parent, const QString &name)
{
    return parent.findChild<T *>(name);
}

QJsonObject syntheticEvent(qint64 sequence)
{
    const qint64 step = sequence / 4;
    QJsonObject payload;
    QString kind;
    switch (sequence % 4) {
    case 0:
        kind = u"agent.message"_s;
        payload = { { u"role"_s, u"assistant"_s },
                    { u"text"_s,
                      u"Step %1: I will **check** the `tests` again.\n\n- first\n- second"_s.arg(step) } };
        break;
    case 1:
        kind = u"tool.call"_s;
        payload = { { u"id"_s, u"call-%1"_s.arg(step) },
                    { u"name"_s, u"run"_s },
                    { u"arguments"_s,
                      QJsonObject { { u"command"_s, u"python3 -m unittest -q # %1"_s.arg(step) } } } };
        break;
    case 2:
        kind = u"tool.result"_s;
        payload = { { u"id"_s, u"call-%1"_s.arg(step) },
                    { u"name"_s, u"run"_s },
                    { u"output"_s, u"Ran 3 tests in 0.001s\n\nOK"_s },
                    { u"exit_code"_s, 0 },
                    { u"is_error"_s, false } };
        break;
    default:
        kind = u"run.usage"_s;
        payload = { { u"input_tokens"_s, step * 1000 }, { u"output_tokens"_s, step * 100 } };
        break;
    }
    return { { u"sequence"_s, sequence },
             { u"run_id"_s, u"run-synthetic"_s },
             { u"time"_s, u"2024-05-01T12:00:00.000Z"_s },
             { u"actor"_s, u"agent"_s },
             { u"kind"_s, kind },
             { u"payload"_s, payload } };
}

} // namespace

class TestRunConsole final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsTheEmptyStateFirst()
    {
        GuiEngine gui;
        QVERIFY(gui.start());
        RunConsole console(gui.hub.get());
        console.show();
        auto *empty = child<QLabel>(console, u"emptyState"_s);
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->text().startsWith(u"Select a run to watch it"_s));
        QVERIFY(console.runId().isEmpty());
    }

    void watchesAndControlsARunLive()
    {
        GuiEngine gui;
        gui.harness.server.appendTurn(workTurn(u"echo sandbox-says-$((40 + 2))"_s));
        gui.harness.server.appendTurn(askTurn(u"Should add() also accept strings?"_s));
        QVERIFY(gui.start());

        RunConsole console(gui.hub.get());
        QAbstractItemModelTester tester(console.eventModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        console.resize(900, 480); // the stream scrolls
        console.show();
        RunEventModel *model = console.eventModel();
        QListView *view = console.eventView();

        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        QVERIFY(!runId.isEmpty());
        console.showRun(u"local"_s, runId);
        QCOMPARE(console.engine(), u"local"_s);
        QCOMPARE(console.runId(), runId);
        QVERIFY(!child<QLabel>(console, u"emptyState"_s)->isVisible());

        // The events come in as the run goes: the message, the command, its
        // result joined to it, the question.
        QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(model, u"checkpoint.opened"_s) >= 0, engineTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(console), u"waiting_for_human"_s, 20000);
        QCOMPARE(child<QLabel>(console, u"stateWord"_s)->text(), u"Waiting for you"_s);
        QCOMPARE(child<QLabel>(console, u"title"_s)->text(), u"Fix add()"_s);
        QVERIFY(child<QLabel>(console, u"facts"_s)->text().contains(u"python"_s));
        QVERIFY(child<QLabel>(console, u"facts"_s)->text().contains(u"tokens"_s));
        const int message = rowWhere(model, [](const QModelIndex &index) {
            return index.data(RunEventModel::KindRole).toString() == "agent.message"_L1
                && index.data(RunEventModel::PayloadRole)
                       .toJsonObject()
                       .value("text"_L1)
                       .toString()
                       .contains(u"**tests**"_s);
        });
        QVERIFY(message >= 0);
        const int command = rowWhere(model, [](const QModelIndex &index) {
            return index.data(RunEventModel::KindRole).toString() == "tool.call"_L1
                && index.data(RunEventModel::PayloadRole).toJsonObject().value("name"_L1).toString()
                == "run"_L1;
        });
        QVERIFY(command >= 0);
        const QModelIndex call = model->index(command);
        QVERIFY(!call.data(RunEventModel::CallIdRole).toString().isEmpty());
        QTRY_VERIFY(call.data(RunEventModel::HasResultRole).toBool());
        QVERIFY(call.data(RunEventModel::ResultRole)
                    .toJsonObject()
                    .value("output"_L1)
                    .toString()
                    .contains(u"sandbox-says-42"_s));
        QCOMPARE(rowOfKind(model, u"tool.result"_s), -1); // joined to its call
        QVERIFY(model->eventCount() > model->rowCount());

        // A tool call is folded to one line; Enter or Space or a click on it unfolds it.
        QVERIFY(!call.data(RunEventModel::ExpandedRole).toBool());
        const int foldedHeight = view->visualRect(call).height();
        view->setFocus();
        view->setCurrentIndex(call);
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(call.data(RunEventModel::ExpandedRole).toBool());
        QTRY_VERIFY(view->visualRect(call).height() > 2 * foldedHeight);
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(!call.data(RunEventModel::ExpandedRole).toBool());
        QTRY_COMPARE(view->visualRect(call).height(), foldedHeight);
        view->scrollTo(call);
        QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(call).topLeft() + QPoint(60, 4)));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(call).topLeft() + QPoint(60, 4));
        QVERIFY(call.data(RunEventModel::ExpandedRole).toBool());
        model->setExpanded(command, false);

        // Search: Ctrl+F opens the bar; a match in a folded result unfolds it.
        QVERIFY(QTest::qWaitForWindowActive(&console));
        QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
        auto *searchField = child<QLineEdit>(console, u"searchField"_s);
        QTRY_VERIFY(searchField->isVisible());
        view->setCurrentIndex(model->index(0));
        QVERIFY(console.find(u"SAYS-42"_s)); // only in the output
        QCOMPARE(view->currentIndex().row(), command);
        QVERIFY(call.data(RunEventModel::ExpandedRole).toBool());
        QTRY_COMPARE(child<QLabel>(console, u"matchCount"_s)->text(), u"1 match"_s);
        // The question is in the ask_human call and in the checkpoint it opened; F3 goes to the next.
        QVERIFY(console.find(u"accept strings"_s));
        QCOMPARE(view->currentIndex().data(RunEventModel::KindRole).toString(), u"tool.call"_s);
        QTest::keyClick(searchField, Qt::Key_F3);
        QCOMPARE(view->currentIndex().data(RunEventModel::KindRole).toString(), u"checkpoint.opened"_s);
        QTest::keyClick(searchField, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(view->currentIndex().data(RunEventModel::KindRole).toString(), u"tool.call"_s);
        QVERIFY(!console.find(u"nothing-like-this-anywhere"_s));
        QTest::keyClick(searchField, Qt::Key_Escape);
        QVERIFY(!searchField->isVisible());

        // Steering: Enter sends runs.steer; the event shows in the stream,
        // which follows it while scrolled to its end.
        QVERIFY(console.isFollowing());
        model->setExpanded(command, true); // enough rows to scroll
        view->scrollToBottom();
        auto *steer = child<QLineEdit>(console, u"steerField"_s);
        QVERIFY(steer->isEnabled());
        QTest::keyClicks(steer, u"Keep the change small, please"_s);
        QTest::keyClick(steer, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            rowWhere(
                model,
                [](const QModelIndex &index) {
                    return index.data(RunEventModel::KindRole).toString() == "run.steered"_L1
                        && index.data(RunEventModel::PayloadRole).toJsonObject().value("text"_L1).toString()
                        == "Keep the change small, please"_L1;
                })
                >= 0,
            20000);
        QTRY_VERIFY(steer->text().isEmpty());
        QVERIFY(view->verticalScrollBar()->maximum() > 0);
        QTRY_COMPARE(view->indexAt(QPoint(20, view->viewport()->height() - 3)).row(), model->rowCount() - 1);
        QVERIFY(gui.engine->state().run(runId)->steering.contains(u"Keep the change small, please"_s));

        // Pause, then resume: the buttons follow the run.
        auto *pause = child<QPushButton>(console, u"pauseButton"_s);
        auto *resume = child<QPushButton>(console, u"resumeButton"_s);
        auto *cancel = child<QPushButton>(console, u"cancelButton"_s);
        QVERIFY(pause->isEnabled());
        QVERIFY(!resume->isEnabled());
        pause->click();
        QTRY_VERIFY_WITH_TIMEOUT(console.summary().value("paused"_L1).toBool(), 20000);
        QTRY_VERIFY(resume->isEnabled());
        QVERIFY(!pause->isEnabled());
        QVERIFY(child<QLabel>(console, u"pausedBadge"_s)->isVisible());
        QTRY_VERIFY(rowOfKind(model, u"run.paused"_s) >= 0);
        QTRY_COMPARE(view->indexAt(QPoint(20, view->viewport()->height() - 3)).row(), model->rowCount() - 1);
        // Scrolled up, the stream stays where the reader is.
        view->verticalScrollBar()->setValue(0);
        resume->click();
        QTRY_VERIFY_WITH_TIMEOUT(!console.summary().value("paused"_L1).toBool(), 20000);
        QTRY_VERIFY(pause->isEnabled());
        QTRY_VERIFY(rowOfKind(model, u"run.resumed"_s) >= 0);
        QCOMPARE(view->verticalScrollBar()->value(), 0);

        // Cancel asks first and says what will happen; keeping the run changes nothing.
        cancel->click();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = child<QMessageBox>(console, u"cancelConfirmation"_s)) && box->isVisible());
        QVERIFY(box->informativeText().contains(u"workspace"_s));
        QVERIFY(box->informativeText().contains(u"cannot be undone"_s));
        child<QPushButton>(*box, u"keepRun"_s)->click();
        QTRY_VERIFY(!child<QMessageBox>(console, u"cancelConfirmation"_s));
        QCOMPARE(stateOf(console), u"waiting_for_human"_s);
        QCOMPARE(stateOf(*gui.engine, runId), RunState::WaitingForHuman);

        cancel->click();
        QTRY_VERIFY((box = child<QMessageBox>(console, u"cancelConfirmation"_s)) && box->isVisible());
        child<QPushButton>(*box, u"confirmCancel"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(console), u"cancelled"_s, 20000);
        QCOMPARE(child<QLabel>(console, u"stateWord"_s)->text(), u"Cancelled"_s);
        QTRY_VERIFY(!cancel->isEnabled());
        QVERIFY(!pause->isEnabled());
        QVERIFY(!steer->isEnabled());
        QTRY_VERIFY(
            rowWhere(
                model,
                [](const QModelIndex &index) {
                    return index.data(RunEventModel::KindRole).toString() == "run.state_changed"_L1
                        && index.data(RunEventModel::PayloadRole).toJsonObject().value("to"_L1).toString()
                        == "cancelled"_L1;
                })
            >= 0);

        // Another run shown: the first one's topic is let go, its rows gone.
        console.showRun({}, {});
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(child<QLabel>(console, u"emptyState"_s)->isVisible());
    }

    void errorsShowNearTheControl()
    {
        GuiEngine gui;
        gui.harness.server.appendTurn(askTurn(u"Which file?"_s));
        QVERIFY(gui.start());
        RunConsole console(gui.hub.get());
        console.show();
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        console.showRun(u"local"_s, runId);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(console), u"waiting_for_human"_s, engineTimeout);
        auto *steer = child<QLineEdit>(console, u"steerField"_s);
        auto *send = child<QPushButton>(console, u"sendButton"_s);
        auto *note = child<QLabel>(console, u"steerNote"_s);
        steer->setText(u"Are you there?"_s);
        QVERIFY(send->isEnabled());
        // The engine goes away under the call: the failure shows beside the
        // steering box, and what was typed stays to be sent again.
        gui.server.reset();
        send->click();
        QTRY_VERIFY_WITH_TIMEOUT(note->isVisible() && note->text() != console.tr("Sending…"), 20000);
        QVERIFY(!note->text().isEmpty());
        QCOMPARE(steer->text(), u"Are you there?"_s);
    }

    void switchesRunsAndCatchesUp()
    {
        GuiEngine gui;
        gui.harness.server.appendTurn(askTurn(u"Which file?"_s));
        gui.harness.server.appendTurn(askTurn(u"Which file?"_s));
        QVERIFY(gui.start());
        SubmitRequest first = gui.harness.fixTheTest();
        first.task.title = u"First of two"_s;
        SubmitRequest second = gui.harness.fixTheTest();
        second.task.title = u"Second of two"_s;
        const QString firstId = gui.submit(first).value(0);
        const QString secondId = gui.submit(second).value(0);
        DELEGATE_WAIT_FOR_STATE(*gui.engine, firstId, RunState::WaitingForHuman);
        DELEGATE_WAIT_FOR_STATE(*gui.engine, secondId, RunState::WaitingForHuman);

        RunConsole console(gui.hub.get());
        QAbstractItemModelTester tester(console.eventModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        console.show();
        RunEventModel *model = console.eventModel();
        // The first run's answers are still out when the second is shown: they are dropped.
        console.showRun(u"local"_s, firstId);
        console.showRun(u"local"_s, secondId);
        const auto recorded = gui.engine->events(secondId, 0, 1000);
        QVERIFY(recorded.ok());
        QTRY_COMPARE(model->eventCount(), recorded.value().size());
        QTRY_VERIFY(!model->isLoading());
        QTRY_COMPARE(stateOf(console), u"waiting_for_human"_s);
        QCOMPARE(console.summary().value("title"_L1).toString(), u"Second of two"_s);
        QVERIFY(model->find(u"Second of two"_s, -1) >= 0);
        QCOMPARE(model->find(u"First of two"_s, -1), -1);
        QCOMPARE(ui::TopicSubscriptions::of(gui.session())->users(u"events:"_s + firstId), 0);
        QCOMPARE(ui::TopicSubscriptions::of(gui.session())->users(u"events:"_s + secondId), 1);

        // Lost notifications: the model reads what came after its last event, without doubles.
        const int rows = model->rowCount();
        const qsizetype events = model->eventCount();
        QSignalSpy loading(model, &RunEventModel::loadingChanged);
        Q_EMIT gui.session()->resyncNeeded();
        QTRY_COMPARE(loading.size(), 2); // started and finished reading
        QCOMPARE(model->rowCount(), rows);
        QCOMPARE(model->eventCount(), events);
        QVERIFY(QCoro::waitFor(gui.engine->steer(secondId, u"After the resync"_s, u"user:ada"_s)).ok());
        QTRY_VERIFY(model->find(u"After the resync"_s, -1) >= 0);
        QCOMPARE(model->eventCount(), events + 1);
    }

    void anAuditorOnlyWatches()
    {
        GuiEngine gui;
        gui.harness.server.appendTurn(askTurn(u"Which file?"_s));
        QVERIFY(gui.start(u"auditor-token"_s));
        RunConsole console(gui.hub.get());
        QAbstractItemModelTester tester(console.eventModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        console.show();
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        console.showRun(u"local"_s, runId);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(console), u"waiting_for_human"_s, engineTimeout);
        QTRY_VERIFY(rowOfKind(console.eventModel(), u"checkpoint.opened"_s) >= 0);
        for (const QString &name :
             { u"pauseButton"_s, u"resumeButton"_s, u"cancelButton"_s, u"sendButton"_s }) {
            auto *button = child<QPushButton>(console, name);
            QVERIFY2(!button->isEnabled(), qPrintable(name));
        }
        QVERIFY(!child<QLineEdit>(console, u"steerField"_s)->isEnabled());
        QVERIFY(child<QPushButton>(console, u"pauseButton"_s)->toolTip().contains(u"lead"_s));
    }

    void aRunOfFiftyThousandEvents()
    {
        // Built here rather than recorded by the engine: the point is the
        // model and the view, not how the events were made.
        constexpr qint64 count = 50000;
        QJsonArray events;
        for (qint64 sequence = 1; sequence <= count; ++sequence)
            events.append(syntheticEvent(sequence));

        RunEventModel model(nullptr);
        QListView view;
        view.setModel(&model);
        view.setItemDelegate(new ui::RunEventDelegate(&view, &model));
        view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view.setResizeMode(QListView::Adjust);
        view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QElapsedTimer timer;
        timer.start();
        model.appendEvents(events);
        model.flushPending();
        QCOMPARE(model.rowCount(), int(count - count / 4)); // results joined to their calls
        QCOMPARE(model.eventCount(), count);
        view.scrollToBottom();
        const qint64 firstLayout = timer.restart();
        QTRY_COMPARE(view.indexAt(QPoint(10, view.viewport()->height() - 4)).row(), model.rowCount() - 1);

        // Live appends to a long stream lay out from the cached heights.
        timer.restart();
        for (qint64 first = count + 1; first <= count + 400; first += 40) {
            QJsonArray more;
            for (qint64 sequence = first; sequence < first + 40; ++sequence)
                more.append(syntheticEvent(sequence));
            model.appendEvents(more);
            model.flushPending();
            view.scrollToBottom();
        }
        const qint64 appends = timer.elapsed();
        QTRY_COMPARE(view.indexAt(QPoint(10, view.viewport()->height() - 4)).row(), model.rowCount() - 1);
        QVERIFY(model.find(u"# 12345"_s, -1) >= 0);
        // Figures for people, not assertions: timing depends on the machine.
        qInfo("50k events: first layout %lld ms; 10 appends of 40 events %lld ms", firstLayout, appends);
    }

    void screenshot()
    {
        const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
        if (directory.isEmpty())
            QSKIP("screenshots are made on request: set DELEGATE_SCREENSHOT_DIR to a folder to render the "
                  "console");
        QDir().mkpath(directory);
        GuiEngine gui;
        gui.harness.server.appendTurn(workTurn(u"echo sandbox-says-hello && python3 -m unittest -q"_s));
        gui.harness.server.appendTurn(askTurn(u"Should `add()` also accept **strings**, or only numbers?"_s));
        QVERIFY(gui.start());
        RunConsole empty(gui.hub.get());
        empty.resize(760, 400);
        empty.show();
        QVERIFY(empty.grab().save(directory + u"/runconsole-empty.png"_s));

        RunConsole console(gui.hub.get());
        console.resize(760, 820);
        console.show();
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        console.showRun(u"local"_s, runId);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(console), u"waiting_for_human"_s, engineTimeout);
        RunEventModel *model = console.eventModel();
        QTRY_VERIFY(rowOfKind(model, u"checkpoint.opened"_s) >= 0);
        QVERIFY(QCoro::waitFor(gui.engine->steer(runId, u"Keep the change small."_s, u"user:ada"_s)).ok());
        QTRY_VERIFY(rowOfKind(model, u"run.steered"_s) >= 0);
        const int command = rowOfKind(model, u"tool.call"_s);
        QTRY_VERIFY(model->index(command).data(RunEventModel::HasResultRole).toBool());
        model->setExpanded(command, true);
        console.find(u"unittest"_s);
        console.eventView()->clearSelection();
        QCoreApplication::processEvents(); // pending layouts and repaints, before grabbing
        QVERIFY(console.grab().save(directory + u"/runconsole.png"_s));
    }
};

QTEST_MAIN(TestRunConsole)
#include "tst_runconsole.moc"
