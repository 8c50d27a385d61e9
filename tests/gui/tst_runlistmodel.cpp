// SPDX-License-Identifier: GPL-3.0-or-later
// The runs board's model over a real engine: runs appear as they are
// submitted, follow their state, group by attempt set, filter and sort,
// with QAbstractItemModelTester watching every change.
#include "guiengine.h"

#include "models/runfilterproxy.h"
#include "models/runlistmodel.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using delegate::ui::RunFilterProxy;
using delegate::ui::RunListModel;

class TestRunListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void followsRunsOfTheEngine()
    {
        GuiEngine gui;
        // Each attempt stops at a question, so they stay put.
        for (int i = 0; i < 3; ++i)
            gui.harness.server.appendTurn(askTurn(u"Which file?"_s));
        gui.harness.maxConcurrentRuns = 3;
        QVERIFY(gui.start());
        RunListModel model(gui.hub.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        SubmitRequest request = gui.harness.fixTheTest();
        request.attempts = 2;
        const QStringList attempts = gui.submit(request);
        QCOMPARE(attempts.size(), 2);
        SubmitRequest single = gui.harness.fixTheTest();
        single.task.title = u"Document add()"_s;
        const QString lone = gui.submit(single).value(0);
        QTRY_COMPARE_WITH_TIMEOUT(model.runCount(), 3, 20000);

        // Every run asks its question and waits for a person.
        QTRY_COMPARE_WITH_TIMEOUT(model.stateCounts().value(u"waiting_for_human"_s), 3, 90000);
        const QModelIndex index = model.indexOf(u"local"_s, lone);
        QVERIFY(index.isValid());
        QCOMPARE(index.data(RunListModel::StateRole).toString(), u"waiting_for_human"_s);
        QCOMPARE(index.siblingAtColumn(RunListModel::StateColumn).data().toString(), u"Waiting for you"_s);
        QCOMPARE(index.siblingAtColumn(RunListModel::TitleColumn).data().toString(), u"Document add()"_s);
        QCOMPARE(index.siblingAtColumn(RunListModel::EngineColumn).data().toString(), u"local"_s);
        // The question was the agent's first tool call.
        QTRY_COMPARE(index.siblingAtColumn(RunListModel::StepsColumn).data().toString(), u"1"_s);
        QVERIFY(index.siblingAtColumn(RunListModel::AgentColumn).data().toString().startsWith(u"builtin"_s));

        // Filtering by words and by state.
        proxy.setSearchText(u"document"_s);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setSearchText({});
        proxy.setStates({ u"completed"_s });
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setStates({});
        QCOMPARE(proxy.rowCount(), 3);

        // Grouped by attempt set: the two attempts share a group.
        model.setGrouping(RunListModel::Grouping::Attempts);
        QCOMPARE(model.rowCount(), 2);
        int attemptGroup = -1;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.rowCount(model.index(row, 0)) == 2)
                attemptGroup = row;
        }
        QVERIFY(attemptGroup >= 0);
        const QModelIndex group = model.index(attemptGroup, RunListModel::TitleColumn);
        QVERIFY(group.data().toString().startsWith(u"Attempts: Fix add()"_s));
        QVERIFY(
            model.index(attemptGroup, RunListModel::StateColumn).data().toString().contains(u"2 waiting"_s));
        proxy.setSearchText(u"document"_s);
        QCOMPARE(proxy.rowCount(), 1); // only the lone run's group

        // A cancelled run follows, grouped or not.
        model.setGrouping(RunListModel::Grouping::None);
        proxy.setSearchText({});
        QVERIFY(QCoro::waitFor(gui.engine->cancel(lone, u"user:ada"_s, u"not needed"_s)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(model.indexOf(u"local"_s, lone).data(RunListModel::StateRole).toString(),
                                  u"cancelled"_s, 20000);

        // Sorting by state puts what waits for a person first.
        proxy.sort(RunListModel::StateColumn);
        QCOMPARE(proxy.index(0, 0).data(RunListModel::StateRole).toString(), u"waiting_for_human"_s);
        QCOMPARE(proxy.index(2, 0).data(RunListModel::StateRole).toString(), u"cancelled"_s);
    }
};

QTEST_MAIN(TestRunListModel)
#include "tst_runlistmodel.moc"
