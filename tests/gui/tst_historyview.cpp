// SPDX-License-Identifier: GPL-3.0-or-later
// The History section against a real engine over loopback: the timeline model
// pages through the log as a view scrolls, filters and searches it; the
// view verifies the chain and, after an event was changed in the database
// file, shows the break at that event; an export carries the chain's head.
// With DELEGATE_SCREENSHOT_DIR set it renders the view.
#include "guiengine.h"

#include "history/historymodel.h"
#include "history/historyview.h"
#include "review/inlinemessage.h"
#include "store/sqliteconnection.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

namespace {

constexpr int engineTimeout = 60000;

bool saveShot(QWidget &widget, const QString &path)
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return widget.grab().save(path);
}

const char *const notes[] = {
    "Reading tests/test_sum.py to see what add() should return",
    "The parser in sum.py splits on commas before trimming",
    "Running the unit tests: 1 failure in test_add",
    "add() subtracts instead of adding; the test is right",
    "Checking whether other callers depend on the old behaviour",
};

// A run waiting for its question, with a working agent's history behind it:
// messages and tool calls recorded through the engine, `rounds` of each.
QString runWithHistory(GuiEngine &gui, int rounds)
{
    const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
    if (runId.isEmpty())
        return {};
    // Recorded once the agent waits for its answer, so they do not enter the
    // conversation it is having with the model.
    const bool waiting = QTest::qWaitFor(
        [&] { return gui.engine->state().run(runId)->run.state == RunState::WaitingForHuman; },
        engineTimeout);
    if (!waiting) {
        qWarning() << "the run did not reach waiting_for_human:"
                   << enumToString(gui.engine->state().run(runId)->run.state);
        return {};
    }
    for (int i = 0; i < rounds; ++i) {
        const QString text =
            u"%1 (step %2)"_s.arg(QString::fromLatin1(notes[i % int(std::size(notes))])).arg(i + 1);
        const QJsonObject message { { u"text"_s, text } };
        const QString agent = u"agent"_s;
        const QString kind = u"agent.message"_s;
        if (!QCoro::waitFor(gui.engine->record(runId, agent, kind, message)).ok())
            return {};
        const QJsonObject call { { u"tool"_s, u"read_file"_s },
                                 { u"call_id"_s, u"call-%1"_s.arg(i) },
                                 { u"arguments"_s, QJsonObject { { u"path"_s, u"sum.py"_s } } } };
        const QString toolCall = u"tool.call"_s;
        if (!QCoro::waitFor(gui.engine->record(runId, agent, toolCall, call)).ok())
            return {};
    }
    return runId;
}

qint64 eventCount(GuiEngine &gui)
{
    const auto events = gui.engine->events({}, 0, 1000);
    return events.ok() ? events.value().size() : -1;
}

// Waits until the writer's indexer reached the newest event (the filters on
// run attributes and search read its indexes).
bool indexed(GuiEngine &gui)
{
    const QString method = u"history.events"_s;
    const QJsonObject params { { u"limit"_s, 1 } };
    const rpc::RpcOutcome reply = QCoro::waitFor(gui.session()->call(method, params));
    return !reply.error && reply.result.toObject().value("unindexed"_L1).toInteger() == 0;
}

void fetchAll(HistoryModel &model)
{
    for (int guard = 0; guard < 100; ++guard) {
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        if (!model.canFetchMore({}))
            return;
        model.fetchMore({});
    }
}

} // namespace

class TestHistoryView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void modelPagesFiltersAndSearches()
    {
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Should I fix sum.py or the test?"_s) });
        QVERIFY(gui.start());
        const QString runId = runWithHistory(gui, 120);
        QVERIFY(!runId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(indexed(gui), 30000);
        const qint64 total = eventCount(gui);
        QVERIFY(total > 240);

        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(gui.session());
        // One page at first, the rest as asked for.
        QSignalSpy pages(&model, &HistoryModel::pageLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() > 0, 30000);
        fetchAll(model);
        QVERIFY(pages.size() >= 3);
        QCOMPARE(model.rowCount(), total);
        QSet<qint64> seen;
        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 sequence = model.index(row, 0).data(HistoryModel::SequenceRole).toLongLong();
            QVERIFY(!seen.contains(sequence));
            seen.insert(sequence);
            if (row > 0)
                QVERIFY(sequence < model.index(row - 1, 0).data(HistoryModel::SequenceRole).toLongLong());
        }
        QCOMPARE(model.index(0, HistoryModel::KindColumn).data().toString(),
                 model.index(0, 0).data(HistoryModel::KindRole).toString());
        QVERIFY(!model.index(0, HistoryModel::TimeColumn).data(Qt::ToolTipRole).toString().isEmpty());

        // A kind.
        model.setQuery({ { u"kind"_s, u"tool.call"_s } }, {});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() > 0, 30000);
        fetchAll(model);
        QCOMPARE(model.rowCount(), 121); // ours and the agent's call of ask_human
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(HistoryModel::KindRole).toString(), u"tool.call"_s);

        // The run's current state and a person.
        model.setQuery({ { u"state"_s, u"waiting_for_human"_s }, { u"actor"_s, u"user:ada"_s } }, {});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() > 0, 30000);
        fetchAll(model);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(HistoryModel::KindRole).toString(), u"run.submitted"_s);
        model.setQuery({ { u"state"_s, u"completed"_s } }, {});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));

        // Words: every match, with why it matched.
        model.setQuery({ { u"run_id"_s, runId } }, u"parser"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() > 0, 30000);
        fetchAll(model);
        QCOMPARE(model.rowCount(), 24);
        QVERIFY2(model.index(0, HistoryModel::SummaryColumn).data().toString().contains(u"[parser]"_s),
                 qPrintable(model.index(0, HistoryModel::SummaryColumn).data().toString()));

        // A query the index cannot read says so.
        model.setQuery({}, u"NOT"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        model.setQuery({ { u"state"_s, u"nonsense"_s } }, {});
        QTRY_VERIFY_WITH_TIMEOUT(!model.error().isEmpty(), 30000);
        QVERIFY2(model.error().contains(u"filter.state"_s), qPrintable(model.error()));
    }

    void verificationShowsATamperedEvent()
    {
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Should I fix sum.py or the test?"_s) });
        QVERIFY(gui.start(u"auditor-token"_s));
        const QString runId = runWithHistory(gui, 40);
        QVERIFY(!runId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(indexed(gui), 30000);

        HistoryView view(gui.hub.get());
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1280, 760);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() > 0, 30000);
        // The filter bar offers what the history holds.
        QTRY_VERIFY(view.userFilter()->findData(u"user:ada"_s) >= 0);
        QVERIFY(view.stateFilter()->findData(u"waiting_for_human"_s) >= 0);
        QVERIFY(view.kindFilter()->findData(u"tool.call"_s) >= 0);

        // Search as one types.
        QSignalSpy reset(view.model(), &QAbstractItemModel::modelReset);
        QTest::keyClicks(view.searchField(), u"subtracts"_s);
        // Once typing pauses, one new query, not one per key.
        QTRY_VERIFY_WITH_TIMEOUT(reset.size() == 1 && !view.model()->isLoading(), 10000);
        // Longer than the 300 ms pause: no second query arrives.
        reset.wait(400);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(view.model()->rowCount(), 8);
        view.searchField()->clear();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() > 8, 10000);

        // An event's detail and where it leads.
        const int messageRow = [&] {
            for (int row = 0; row < view.model()->rowCount(); ++row) {
                if (view.model()->index(row, 0).data(HistoryModel::KindRole).toString() == "agent.message"_L1)
                    return row;
            }
            return -1;
        }();
        QVERIFY(messageRow >= 0);
        view.table()->setCurrentIndex(view.model()->index(messageRow, HistoryModel::TimeColumn));
        QVERIFY(view.detail()->toPlainText().contains(u"agent.message"_s));
        QSignalSpy opened(&view, &HistoryView::openRun);
        QSignalSpy audit(&view, &HistoryView::openRunAudit);
        auto *openRun = view.findChild<QPushButton *>(u"openRun"_s);
        auto *auditTrail = view.findChild<QPushButton *>(u"openAuditTrail"_s);
        QVERIFY(openRun->isEnabled());
        QTest::mouseClick(openRun, Qt::LeftButton);
        QTest::mouseClick(auditTrail, Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.constFirst().at(0).toString(), u"local"_s);
        QCOMPARE(opened.constFirst().at(1).toString(), runId);
        QCOMPARE(audit.constFirst().at(1).toString(), runId);

        const QString screenshots = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            QDir().mkpath(screenshots);
            QVERIFY(saveShot(view, screenshots + u"/history.png"_s));
        }

        // Intact first.
        QSignalSpy verified(&view, &HistoryView::verified);
        QTest::mouseClick(view.verifyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 60000);
        QVERIFY(verified.constFirst().at(0).toBool());
        QCOMPARE(view.message()->kind(), InlineMessage::Kind::Success);

        // Someone with the database file changes one event's text.
        const qint64 tampered =
            view.model()->index(messageRow, 0).data(HistoryModel::SequenceRole).toLongLong();
        {
            SqliteConnection connection;
            QVERIFY(!connection.open(gui.harness.options().storePath, SqliteConnection::Mode::ReadWrite));
            QVERIFY(!connection.exec("DROP TRIGGER events_append_only_update"));
            const QByteArray sql =
                "UPDATE events SET payload = '{\"text\":\"add() was right all along\"}' WHERE seq = "
                + QByteArray::number(tampered);
            QVERIFY(!connection.exec(sql.constData()));
        }
        // Filters are set: the break is shown even so, with them cleared.
        view.kindFilter()->setCurrentIndex(view.kindFilter()->findData(u"tool.call"_s));
        QTest::mouseClick(view.verifyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 2, 60000);
        QVERIFY(!verified.last().at(0).toBool());
        QCOMPARE(verified.last().at(1).toLongLong(), tampered);
        QCOMPARE(view.message()->kind(), InlineMessage::Kind::Error);
        QVERIFY2(view.message()->text().contains(u"broken at event %1 (run %2)"_s.arg(tampered).arg(runId)),
                 qPrintable(view.message()->text()));
        QVERIFY2(view.message()->text().contains(u"content hash mismatch"_s),
                 qPrintable(view.message()->text()));
        QVERIFY(!view.progress()->isVisible());
        QCOMPARE(view.kindFilter()->currentIndex(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(view.table()->currentIndex().data(HistoryModel::SequenceRole).toLongLong(),
                                  tampered, 10000);
        QVERIFY(view.table()->currentIndex().data(HistoryModel::BrokenRole).toBool());
        QVERIFY(view.detail()->toPlainText().contains(u"add() was right all along"_s));
        if (!screenshots.isEmpty())
            QVERIFY(saveShot(view, screenshots + u"/history-verify-broken.png"_s));
    }

    void exportsTheSelectionWithTheHead()
    {
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Should I fix sum.py or the test?"_s) });
        QVERIFY(gui.start());
        const QString runId = runWithHistory(gui, 5);
        QVERIFY(!runId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(indexed(gui), 30000);
        HistoryView view(gui.hub.get());
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() > 0, 30000);
        QTRY_VERIFY(view.kindFilter()->findData(u"tool.call"_s) >= 0);
        view.kindFilter()->setCurrentIndex(view.kindFilter()->findData(u"tool.call"_s));

        QTemporaryDir directory;
        const QString path = directory.filePath(u"history.jsonl"_s);
        QSignalSpy exported(&view, &HistoryView::exported);
        view.exportTo(path, u"jsonl"_s);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 30000);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        // Ours and the agent's own call of ask_human.
        QCOMPARE(lines.size(), 7);
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            QCOMPARE(QJsonDocument::fromJson(lines.at(i)).object().value("kind"_L1).toString(),
                     u"tool.call"_s);
        const QJsonObject trailer = QJsonDocument::fromJson(lines.last()).object();
        const QString head = trailer.value("chain_head"_L1).toObject().value("hash"_L1).toString();
        QCOMPARE(head.size(), 64);
        QCOMPARE(trailer.value("filter"_L1).toObject().value("kind"_L1).toArray().at(0).toString(),
                 u"tool.call"_s);
        QVERIFY(!trailer.value("verify"_L1).toString().isEmpty());
        QVERIFY2(view.message()->text().contains(head), qPrintable(view.message()->text()));
    }
};

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
