// SPDX-License-Identifier: GPL-3.0-or-later
// Three attempts of one task over a real engine: two hand in patches (one
// passes its verify command, one does not), one stops at a question. The
// compare view shows each; picking one approves it, rejects the other one
// in review with the reason and cancels the one still going, after a
// confirmation that lists exactly that.
#include "guiengine.h"

#include "review/attemptcolumn.h"
#include "review/compareview.h"
#include "review/diffview.h"
#include "review/inlinemessage.h"

#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using delegate::ui::AttemptColumn;
using delegate::ui::CompareView;
using delegate::ui::ConfirmationRequest;

namespace {

// Renders the widget as the next paint would show it: posted layout
// requests first, so a label or button that just changed has its size.
bool saveShot(QWidget &widget, const QString &path)
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return widget.grab().save(path);
}

constexpr int engineTimeout = 120000;

QJsonObject when(QJsonObject object, const QString &text)
{
    object.insert(u"when_contains"_s, text);
    return object;
}

// Attempts share one task, so their prompts are alike: a turn goes to a
// request by what that attempt has seen so far. First requests take the
// unconditioned turns in order (an edit that fixes add(), one that breaks
// it differently, a question); after an edit comes the verify command,
// after the command the submission.
QJsonArray attemptsScript()
{
    const QString verify = u"python3 -m unittest -q"_s;
    return {
        when(submitTurn(u"Handed in after running the tests."_s), u"exit code:"_s),
        when(submitTurn(u"Handed in after running the tests."_s), u"exit code:"_s),
        when(turn({ call(u"run"_s, { { u"command"_s, verify } }) }), u"Replaced 1 occurrence"_s),
        when(turn({ call(u"run"_s, { { u"command"_s, verify } }) }), u"Replaced 1 occurrence"_s),
        editTurn(u"return a - b"_s, u"return a + b"_s),
        editTurn(u"return a - b"_s, u"return a * b"_s),
        askTurn(u"Should negative numbers be allowed?"_s),
    };
}

} // namespace

class TestCompareView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pickingOneClosesTheOthers()
    {
        GuiEngine gui;
        gui.harness.maxConcurrentRuns = 3;
        gui.harness.server.setScript(attemptsScript());
        QVERIFY(gui.start());
        SubmitRequest request = gui.harness.fixTheTest();
        request.attempts = 3;
        const QStringList runs = gui.submit(request);
        QCOMPARE(runs.size(), 3);

        CompareView view(gui.hub.get());
        QList<ConfirmationRequest> asked;
        bool answer = false;
        view.setConfirmer([&](QWidget *, const ConfirmationRequest &confirmation) {
            asked.append(confirmation);
            return answer;
        });
        view.resize(1200, 760);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showAttempts(u"local"_s, runs);
        QCOMPARE(view.columns().size(), 3);

        // Two in review, one waiting for an answer.
        const auto countIn = [&](const QString &state) {
            int count = 0;
            for (const AttemptColumn *column : view.columns())
                count += column->state() == state ? 1 : 0;
            return count;
        };
        QVERIFY2(QTest::qWaitFor(
                     [&] { return countIn(u"in_review"_s) == 2 && countIn(u"waiting_for_human"_s) == 1; },
                     engineTimeout),
                 qPrintable(describe(*gui.engine, runs.at(0)) + u'\n' + describe(*gui.engine, runs.at(1))
                            + u'\n' + describe(*gui.engine, runs.at(2))));
        QList<AttemptColumn *> inReview;
        AttemptColumn *waiting = nullptr;
        for (AttemptColumn *column : view.columns()) {
            if (column->state() == "in_review"_L1)
                inReview.append(column);
            else
                waiting = column;
        }
        // Each shows its diff, its stats and how its verify command ended (from its log).
        QList<int> exitCodes;
        for (AttemptColumn *column : std::as_const(inReview)) {
            QTRY_VERIFY_WITH_TIMEOUT(
                column->diffView()->diff() && column->diffView()->diff()->files().size() == 1, 20000);
            QVERIFY2(column->statsText().contains(u"1 file"_s), qPrintable(column->statsText()));
            QTRY_VERIFY_WITH_TIMEOUT(column->verifyResults().size() == 1
                                         && column->verifyResults().constFirst().exitCode.has_value(),
                                     20000);
            QVERIFY(column->verifyResults().constFirst().fromLog);
            exitCodes.append(*column->verifyResults().constFirst().exitCode);
            QTRY_VERIFY(column->pickButton()->isEnabled());
        }
        qInfo() << "verify exit codes of the attempts in review:" << exitCodes;
        QVERIFY(exitCodes.contains(0));
        QVERIFY(!waiting->pickButton()->isEnabled());

        const QString screenshots = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            QDir().mkpath(screenshots);
            QVERIFY(saveShot(view, screenshots + u"/compare.png"_s));
        }

        // Declined: nothing changes.
        AttemptColumn *chosen = inReview.at(0);
        AttemptColumn *other = inReview.at(1);
        QTest::mouseClick(chosen->pickButton(), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        const QString said = asked.constFirst().consequences.join(u'\n');
        const QString reason = u"Another attempt was chosen: "_s + chosen->runId();
        QVERIFY2(said.contains(chosen->runId() + u") is approved"_s), qPrintable(said));
        QVERIFY2(said.contains(other->runId() + u") is rejected with the reason “"_s + reason + u"”"_s),
                 qPrintable(said));
        QVERIFY2(said.contains(waiting->runId() + u") is still waiting for you: it is cancelled"_s),
                 qPrintable(said));
        QCOMPARE(stateOf(*gui.engine, chosen->runId()), RunState::InReview);

        answer = true;
        QSignalSpy picked(&view, &CompareView::picked);
        QTest::mouseClick(chosen->pickButton(), Qt::LeftButton);
        QVERIFY(picked.wait(30000));
        QCOMPARE(picked.constFirst().at(1).toString(), chosen->runId());
        QVERIFY2(picked.constFirst().at(2).toBool(), qPrintable(view.message()->text()));
        QCOMPARE(view.message()->kind(), ui::InlineMessage::Kind::Success);

        QCOMPARE(stateOf(*gui.engine, chosen->runId()), RunState::Approved);
        QCOMPARE(stateOf(*gui.engine, other->runId()), RunState::Rejected);
        const Decision &rejection = gui.engine->state().run(other->runId())->reviews.constLast();
        QCOMPARE(rejection.verdict, Decision::Verdict::Reject);
        QCOMPARE(rejection.text, reason);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*gui.engine, waiting->runId()), RunState::Cancelled, 20000);
        QVERIFY(gui.engine->state().run(waiting->runId())->lastReason.contains(reason));

        // The columns follow.
        QTRY_COMPARE(chosen->state(), u"approved"_s);
        QTRY_COMPARE(other->state(), u"rejected"_s);
        QTRY_COMPARE(waiting->state(), u"cancelled"_s);
        for (AttemptColumn *column : view.columns())
            QVERIFY(!column->pickButton()->isEnabled());
    }

    void onlyAnAttemptInReviewIsPicked()
    {
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Which file?"_s), askTurn(u"Which file?"_s) });
        QVERIFY(gui.start(u"auditor-token"_s));
        SubmitRequest request = gui.harness.fixTheTest();
        request.attempts = 2;
        const QStringList runs = gui.submit(request);
        CompareView view(gui.hub.get());
        int asked = 0;
        view.setConfirmer([&](QWidget *, const ConfirmationRequest &) { return ++asked > 0; });
        view.resize(1200, 760);
        view.show();
        view.showAttempts(u"local"_s, runs);
        QTRY_VERIFY_WITH_TIMEOUT(view.columns().size() == 2
                                     && view.columns().at(0)->state() == "waiting_for_human"_L1
                                     && view.columns().at(1)->state() == "waiting_for_human"_L1,
                                 engineTimeout);
        for (AttemptColumn *column : view.columns()) {
            QVERIFY(!column->pickButton()->isEnabled());
            QVERIFY(column->pickButton()->toolTip().contains(u"auditor"_s));
        }
        view.pick(runs.at(0));
        QCOMPARE(asked, 0);
        QVERIFY(view.message()->text().contains(u"only an attempt in review"_s));
        QCOMPARE(stateOf(*gui.engine, runs.at(0)), RunState::WaitingForHuman);
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
