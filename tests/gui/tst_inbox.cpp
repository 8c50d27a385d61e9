// SPDX-License-Identifier: GPL-3.0-or-later
// The inbox over a real engine: a question an agent asks shows up, is
// answered in place from the keyboard, and the agent goes on with the
// answer; the decision says who made it; an auditor cannot decide.
#include "guiengine.h"

#include "models/checkpointmodel.h"
#include "models/runlistmodel.h"
#include "views/checkpointpanel.h"
#include "views/inboxview.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

class TestInbox final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void answersAQuestionInPlace()
    {
        GuiEngine gui;
        gui.harness.server.setScript({
            askTurn(u"Should I fix sum.py or the test?"_s),
            editTurn(u"return a - b"_s, u"return a + b"_s, u"user:ada answered: Fix sum.py"_s),
            submitTurn(u"add() adds now."_s, u"Replaced 1 occurrence"_s),
        });
        QVERIFY(gui.start());
        RunListModel runs(gui.hub.get());
        CheckpointModel model(gui.hub.get(), &runs);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        InboxView inbox(gui.hub.get(), &model);
        inbox.resize(1000, 600);
        inbox.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inbox));
        QSignalSpy arrived(&model, &CheckpointModel::checkpointArrived);

        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        QTRY_COMPARE_WITH_TIMEOUT(model.openCount(), 1, 60000);
        QCOMPARE(arrived.size(), 1);
        const QModelIndex item = model.index(0);
        QCOMPARE(item.data(CheckpointModel::KindRole).toString(), u"question"_s);
        QCOMPARE(item.data(CheckpointModel::RunIdRole).toString(), runId);
        QTRY_COMPARE(item.data(CheckpointModel::RunTitleRole).toString(), u"Fix add()"_s);

        // The first open item is selected and shown.
        auto *text = inbox.findChild<QPlainTextEdit *>(u"decisionText"_s);
        auto *answer = inbox.findChild<QPushButton *>(u"answerButton"_s);
        QVERIFY(text && answer);
        QTRY_VERIFY(answer->isVisible());
        QVERIFY(!answer->isEnabled()); // nothing written yet
        text->setFocus();
        QTest::keyClicks(text, u"Fix sum.py; the test is right."_s);
        QVERIFY(answer->isEnabled());
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);

        // The decision lands, says who made it, and the agent goes on.
        auto *status = inbox.findChild<QLabel *>(u"decisionStatus"_s);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"ada (lead) answered"_s), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model.openCount(), 0, 20000);
        QVERIFY(!answer->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(runs.summary(u"local"_s, runId).value("state"_L1).toString(),
                                  u"in_review"_s, 60000);
        QCOMPARE(gui.harness.server.remainingTurns(), 0);
    }

    void anAuditorCannotDecide()
    {
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Which file?"_s) });
        QVERIFY(gui.start(u"auditor-token"_s));
        QVERIFY(!gui.submit(gui.harness.fixTheTest()).isEmpty());
        CheckpointModel model(gui.hub.get(), nullptr);
        InboxView inbox(gui.hub.get(), &model);
        inbox.show();
        QTRY_COMPARE_WITH_TIMEOUT(model.openCount(), 1, 60000);
        auto *text = inbox.findChild<QPlainTextEdit *>(u"decisionText"_s);
        auto *status = inbox.findChild<QLabel *>(u"decisionStatus"_s);
        QTRY_VERIFY(status->text().contains(u"auditor"_s));
        QVERIFY(text->isReadOnly());
        QVERIFY(!inbox.findChild<QPushButton *>(u"answerButton"_s)->isEnabled());
    }
};

QTEST_MAIN(TestInbox)
#include "tst_inbox.moc"
