// SPDX-License-Identifier: GPL-3.0-or-later
// The audit trail page against a real engine over real loopback RPC: a run
// asks a question, gets changes requested, is approved and its action runs;
// the page shows every part of it, exports a self-contained HTML report and
// a PDF, and says in place what went wrong when something does. With
// DELEGATE_SCREENSHOT_DIR set, it renders the page in light and dark.
#include "guiengine.h"

#include "audit/audittrailview.h"
#include "review/inlinemessage.h"
#include "views/runconsole.h"

#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

namespace {

Decision person(const QString &decider, Decision::Verdict verdict, const QString &text)
{
    Decision decision;
    decision.decider = decider;
    decision.role = Role::Reviewer;
    decision.verdict = verdict;
    decision.text = text;
    return decision;
}

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
    dark.setColor(QPalette::Mid, QColor(0x4a, 0x4d, 0x52));
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
    return dark;
}

bool waitForTrail(AuditTrailView &view)
{
    return QTest::qWaitFor([&] { return view.trail().has_value() && !view.isLoading(); }, 30000);
}

} // namespace

class TestAuditTrailView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<GuiEngine> m_gui;
    QString m_runId;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_gui = std::make_unique<GuiEngine>();
        QJsonObject first = turn({ call(u"run"_s, { { u"command"_s, u"python3 -m unittest -q"_s } }) });
        first.insert(u"text"_s, u"<script>alert(1)</script> The test fails; I look at sum.py."_s);
        m_gui->harness.server.setScript({
            first,
            askTurn(u"Should I fix sum.py or the test?"_s),
            editTurn(u"return a - b"_s, u"return a + b"_s, u"Fix sum.py"_s),
            submitTurn(u"add() subtracted; it adds now."_s),
            editTurn(u"Return the sum of a and b."_s, u"Return a + b, the sum of the operands a and b."_s),
            submitTurn(u"The docstring names the operands."_s),
        });
        QVERIFY(m_gui->start());
        Engine &engine = *m_gui->engine;
        m_runId = m_gui->submit(m_gui->harness.fixTheTest()).value(0);
        QVERIFY(!m_runId.isEmpty());
        DELEGATE_WAIT_FOR_STATE(engine, m_runId, RunState::WaitingForHuman);
        const QString question = engine.state().run(m_runId)->checkpoints.constFirst().checkpoint.id;
        QVERIFY(QCoro::waitFor(engine.answerCheckpoint(question,
                                                       person(u"user:grace"_s, Decision::Verdict::Answer,
                                                              u"Fix sum.py; the test is right."_s)))
                    .ok());
        DELEGATE_WAIT_FOR_STATE(engine, m_runId, RunState::InReview);
        ReviewRequest changes;
        changes.verdict = Decision::Verdict::RequestChanges;
        changes.comments = { { u"sum.py"_s, 6, u"Name the operands."_s } };
        QVERIFY(QCoro::waitFor(engine.review(m_runId, changes, u"user:grace"_s, Role::Reviewer)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(engine.state().run(m_runId)->artifacts.size(), 2, 60000);
        DELEGATE_WAIT_FOR_STATE(engine, m_runId, RunState::InReview);
        QVERIFY(QCoro::waitFor(engine.review(m_runId, ReviewRequest {}, u"user:ada"_s, Role::Lead)).ok());
        ActRequest commit;
        commit.steps = { { u"git.branch"_s, { { u"message"_s, u"Fix add()"_s } } } };
        QVERIFY(QCoro::waitFor(engine.act(m_runId, commit, u"user:ada"_s, Role::Lead)).ok());
        QCOMPARE(stateOf(engine, m_runId), RunState::Completed);
    }

    void cleanupTestCase() { m_gui.reset(); }

    void showsTheWholeRunOnOnePage()
    {
        AuditTrailView view(m_gui->hub.get());
        auto *exportHtml = view.findChild<QPushButton *>(u"exportHtml"_s);
        QVERIFY(!exportHtml->isEnabled());
        QSignalSpy loaded(&view, &AuditTrailView::loaded);
        view.showRun(u"local"_s, m_runId);
        QVERIFY(loaded.wait(30000));
        QVERIFY(exportHtml->isEnabled());
        QCOMPARE(view.findChild<QLabel *>(u"auditTitle"_s)->text(), u"Audit trail: Fix add()"_s);
        const QString page = view.findChild<QTextBrowser *>(u"auditPage"_s)->toPlainText();
        // In the order they happened, each part of the story.
        const QStringList story { u"Task bounds as submitted"_s,
                                  u"Environment and grants"_s,
                                  u"Should I fix sum.py or the test?"_s,
                                  u"<script>alert(1)</script> The test fails"_s,
                                  u"$ python3 -m unittest -q"_s,
                                  u"Decided by user:grace (reviewer)"_s,
                                  u"Version 1 (patch)"_s,
                                  u"Review of version 1 by user:grace"_s,
                                  u"Version 2 (patch)"_s,
                                  u"Review of version 2 by user:ada"_s,
                                  u"Action git.branch"_s,
                                  u"Hash chain"_s };
        qsizetype at = 0;
        for (const QString &part : story) {
            // The checkpoints table names the question before the timeline does.
            const qsizetype found = page.indexOf(part, part.startsWith(u"Should"_s) ? 0 : at);
            QVERIFY2(found >= 0, qPrintable(u"missing or out of order: "_s + part));
            at = std::max(at, found);
        }
        QVERIFY(page.contains(view.trail()->lastEvent->hash));
    }

    void theRunConsoleAsksForTheTrail()
    {
        RunConsole console(m_gui->hub.get());
        console.showRun(u"local"_s, m_runId);
        QSignalSpy requested(&console, &RunConsole::auditTrailRequested);
        auto *button = console.findChild<QPushButton *>(u"auditTrailButton"_s);
        QVERIFY(button);
        button->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.constFirst().at(0).toString(), u"local"_s);
        QCOMPARE(requested.constFirst().at(1).toString(), m_runId);
    }

    void exportsSelfContainedHtmlAndPdf()
    {
        AuditTrailView view(m_gui->hub.get());
        view.showRun(u"local"_s, m_runId);
        QVERIFY(waitForTrail(view));
        QTemporaryDir folder;
        QStringList asked;
        view.setFileChooser([&](QWidget *, const QString &, const QString &suggested, const QString &) {
            asked.append(suggested);
            return folder.filePath(suggested);
        });
        QSignalSpy exported(&view, &AuditTrailView::exported);
        view.exportHtml();
        QCOMPARE(exported.size(), 1);
        QCOMPARE(asked.constLast(), u"audit-trail-%1.html"_s.arg(m_runId));
        QFile html(folder.filePath(asked.constLast()));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(html.readAll());
        QVERIFY(text.contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"_s));
        QVERIFY(!text.contains(u"<script"_s));
        static const QRegularExpression fetches(
            u"<(link|img|iframe|object|embed)\\b|\\bsrc=|url\\(|@import"_s,
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY(!fetches.match(text).hasMatch());
        auto *message = view.findChild<InlineMessage *>();
        QCOMPARE(message->kind(), InlineMessage::Kind::Success);

        view.exportPdf();
        QCOMPARE(exported.size(), 2);
        QFile pdf(folder.filePath(asked.constLast()));
        QVERIFY(asked.constLast().endsWith(u".pdf"_s));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        // A long trail is more than one page.
        static const QRegularExpression pageObject(u"/Type\\s*/Page[^s]"_s);
        qsizetype pages = 0;
        for (auto it = pageObject.globalMatch(QString::fromLatin1(bytes)); it.hasNext(); it.next())
            ++pages;
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));

        // A cancelled dialog writes nothing.
        view.setFileChooser(
            [](QWidget *, const QString &, const QString &, const QString &) { return QString(); });
        view.exportPdf();
        QCOMPARE(exported.size(), 2);
    }

    void errorsAreShownInPlace()
    {
        AuditTrailView view(m_gui->hub.get());
        QSignalSpy failed(&view, &AuditTrailView::loadFailed);
        view.showRun(u"local"_s, u"run-nope"_s);
        QVERIFY(failed.wait(30000));
        auto *message = view.findChild<InlineMessage *>();
        QCOMPARE(message->kind(), InlineMessage::Kind::Error);
        QVERIFY(message->text().contains(u"run-nope"_s));
        QVERIFY(view.findChild<QLabel *>(u"auditPlaceholder"_s)->text().contains(u"Reload"_s));
        QVERIFY(!view.findChild<QPushButton *>(u"exportPdf"_s)->isEnabled());

        view.showRun(u"local"_s, m_runId);
        QVERIFY(waitForTrail(view));
        QVERIFY(message->text().isEmpty());
        QTemporaryDir folder;
        const QString nowhere = folder.filePath(u"missing/folder/trail.pdf"_s);
        QVERIFY(!view.exportPdfTo(nowhere));
        QCOMPARE(message->kind(), InlineMessage::Kind::Error);
        QVERIFY2(message->text().contains(u"trail.pdf"_s), qPrintable(message->text()));
        QVERIFY(!view.exportHtmlTo(folder.filePath(u"missing/folder/trail.html"_s)));
        QVERIFY(message->text().contains(u"Choose a folder you may write to"_s));
        QVERIFY(!QFileInfo::exists(nowhere));
    }

    void screenshots()
    {
        const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
        if (directory.isEmpty())
            QSKIP("screenshots are made on request: set DELEGATE_SCREENSHOT_DIR to a folder to render the "
                  "audit trail page");
        QDir().mkpath(directory);
        AuditTrailView view(m_gui->hub.get());
        view.resize(1100, 820);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showRun(u"local"_s, m_runId);
        QVERIFY(waitForTrail(view));
        auto *page = view.findChild<QTextBrowser *>(u"auditPage"_s);
        QCoreApplication::processEvents();
        QVERIFY(view.grab().save(directory + u"/audit-trail.png"_s));
        // Further down: the timeline with a command and a decision.
        page->scrollToAnchor(QString());
        page->find(u"$ python3 -m unittest -q"_s);
        page->ensureCursorVisible();
        QCoreApplication::processEvents();
        QVERIFY(view.grab().save(directory + u"/audit-trail-timeline.png"_s));
        view.setPalette(darkPalette());
        QCoreApplication::processEvents();
        QVERIFY(view.grab().save(directory + u"/audit-trail-dark.png"_s));
        // The report as a reviewer receives it, to look at page by page.
        QVERIFY(view.exportPdfTo(directory + u"/audit-trail.pdf"_s));
        qInfo().noquote() << "screenshots in" << directory;
    }
};

QTEST_MAIN(TestAuditTrailView)
#include "tst_audittrailview.moc"
