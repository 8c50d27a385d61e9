// SPDX-License-Identifier: GPL-3.0-or-later
// The figures page against a real engine over real loopback RPC: two runs
// of today, one approved as it came and one rejected, counted into six
// charts; a period without runs teaches instead; a period the engine
// refuses says why in place. With DELEGATE_SCREENSHOT_DIR set, it renders
// the charts in light and dark.
#include "guiengine.h"

#include "figures/figuresview.h"
#include "review/inlinemessage.h"
#include "style/runstatelook.h"

#include <QBarSet>
#include <QChart>
#include <QLabel>
#include <QStackedBarSeries>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

namespace {

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x44));
    dark.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
    return dark;
}

// The value of a bar set called word in the chart's last category.
double lastBar(QChart *chart, const QString &word)
{
    const QList<QAbstractSeries *> series = chart->series();
    for (QAbstractSeries *one : series) {
        const auto *bars = qobject_cast<QAbstractBarSeries *>(one);
        if (!bars)
            continue;
        const QList<QBarSet *> sets = bars->barSets();
        for (QBarSet *set : sets) {
            if (set->label() == word && set->count() > 0)
                return set->at(set->count() - 1);
        }
    }
    return -1;
}

} // namespace

class TestFiguresView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<GuiEngine> m_gui;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_gui = std::make_unique<GuiEngine>();
        QJsonObject approved = submitTurn(u"add() adds now."_s);
        approved.insert(u"when_contains"_s, u"Fix add()"_s);
        QJsonObject rejected = submitTurn(u"Nothing to change."_s);
        rejected.insert(u"when_contains"_s, u"Leave add()"_s);
        m_gui->harness.server.setScript({ approved, rejected });
        QVERIFY(m_gui->start());
        Engine &engine = *m_gui->engine;
        const QString first = m_gui->submit(m_gui->harness.fixTheTest()).value(0);
        SubmitRequest other = m_gui->harness.fixTheTest();
        other.task.title = u"Leave add()"_s;
        const QString second = m_gui->submit(other).value(0);
        DELEGATE_WAIT_FOR_STATE(engine, first, RunState::InReview);
        DELEGATE_WAIT_FOR_STATE(engine, second, RunState::InReview);
        QVERIFY(QCoro::waitFor(engine.review(first, ReviewRequest {}, u"user:ada"_s, Role::Lead)).ok());
        ReviewRequest reject;
        reject.verdict = Decision::Verdict::Reject;
        reject.text = u"Not needed."_s;
        QVERIFY(QCoro::waitFor(engine.review(second, reject, u"user:ada"_s, Role::Lead)).ok());
    }

    void cleanupTestCase() { m_gui.reset(); }

    void countsTodaysRunsIntoSixCharts()
    {
        FiguresView view(m_gui->hub.get());
        QSignalSpy loaded(&view, &FiguresView::loaded);
        QTRY_VERIFY_WITH_TIMEOUT(!view.figures().isEmpty(), 20000);
        QCOMPARE(view.engineName(), u"local"_s);
        QVERIFY(!view.isShowingEmptyState());
        const QJsonObject totals = view.figures().value("totals"_L1).toObject();
        QCOMPARE(totals.value("runs"_L1).toInt(), 2);
        QCOMPARE(totals.value("reviewed"_L1).toInt(), 2);
        QCOMPARE(totals.value("first_pass_rate"_L1).toDouble(), 0.5);
        const QList<QChart *> charts = view.charts();
        QCOMPARE(charts.size(), 6);
        // Today is the last day of the period.
        QCOMPARE(lastBar(charts.at(0), RunStateLook::of(u"rejected"_s).word), 1.0);
        QCOMPARE(lastBar(charts.at(0), u"Approved"_s), 1.0);
        QCOMPARE(lastBar(charts.at(5), u"% of reviewed runs"_s), 50.0);
        QVERIFY(view.findChild<QLabel *>(u"figuresSummary"_s)->text().contains(u"2 run(s)"_s));

        // Grouped by week, the same runs in one bar.
        view.setGrouping(FiguresView::Grouping::Week);
        QTRY_COMPARE_WITH_TIMEOUT(view.figures().value("group_by"_L1).toString(), u"week"_s, 20000);
        QCOMPARE(lastBar(view.charts().at(0), RunStateLook::of(u"rejected"_s).word), 1.0);
    }

    void anEmptyPeriodTeaches()
    {
        FiguresView view(m_gui->hub.get());
        QTRY_VERIFY_WITH_TIMEOUT(!view.figures().isEmpty(), 20000);
        view.setPeriod(QDate(2001, 1, 1), QDate(2001, 1, 31));
        QTRY_COMPARE_WITH_TIMEOUT(view.figures().value("from"_L1).toString(), u"2001-01-01"_s, 20000);
        QVERIFY(view.isShowingEmptyState());
        const QString text = view.findChild<QLabel *>(u"figuresEmpty"_s)->text();
        QVERIFY2(text.contains(u"No runs were submitted from 2001-01-01 to 2001-01-31"_s), qPrintable(text));
        QVERIFY(text.contains(u"choose a longer period"_s));
    }

    void aRefusedPeriodSaysWhyInPlace()
    {
        FiguresView view(m_gui->hub.get());
        QTRY_VERIFY_WITH_TIMEOUT(!view.figures().isEmpty(), 20000);
        QSignalSpy failed(&view, &FiguresView::loadFailed);
        view.setGrouping(FiguresView::Grouping::Day);
        view.setPeriod(QDate(2020, 1, 1), QDate(2024, 1, 1));
        QVERIFY(failed.wait(20000));
        auto *message = view.findChild<InlineMessage *>();
        QCOMPARE(message->kind(), InlineMessage::Kind::Error);
        QVERIFY2(message->text().contains(u"group by week"_s), qPrintable(message->text()));
    }

    void screenshots()
    {
        const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
        if (directory.isEmpty())
            QSKIP("screenshots are made on request: set DELEGATE_SCREENSHOT_DIR to a folder to render the "
                  "figures");
        QDir().mkpath(directory);
        FiguresView view(m_gui->hub.get());
        view.resize(1200, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(!view.figures().isEmpty(), 20000);
        view.setPeriod(QDateTime::currentDateTimeUtc().date().addDays(-6),
                       QDateTime::currentDateTimeUtc().date());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 20000);
        QCoreApplication::processEvents();
        QVERIFY(view.grab().save(directory + u"/figures.png"_s));
        view.setPalette(darkPalette());
        QCoreApplication::processEvents();
        QVERIFY(view.grab().save(directory + u"/figures-dark.png"_s));
        view.setPalette(QPalette());
        view.setPeriod(QDate(2001, 1, 1), QDate(2001, 1, 31));
        QTRY_VERIFY_WITH_TIMEOUT(view.isShowingEmptyState(), 20000);
        QCoreApplication::processEvents();
        QVERIFY(view.grab().save(directory + u"/figures-empty.png"_s));
    }
};

QTEST_MAIN(TestFiguresView)
#include "tst_figuresview.moc"
