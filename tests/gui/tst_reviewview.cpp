// SPDX-License-Identifier: GPL-3.0-or-later
// The review view over a real engine: a patch gets a line comment and
// changes requested, version 2 arrives and shows, is approved, its git.branch
// action is previewed and run and the run completes; an auditor only reads;
// rejecting asks first; issue drafts are edited locally; a report is
// written to a file. With DELEGATE_SCREENSHOT_DIR set, it renders the view.
#include "guiengine.h"

#include "review/actionspanel.h"
#include "review/diffbrowser.h"
#include "review/diffview.h"
#include "review/inlinemessage.h"
#include "review/issuedraftseditor.h"
#include "review/linecommenteditor.h"
#include "review/reportpage.h"
#include "review/reviewcommentlist.h"
#include "review/reviewview.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using delegate::ui::ActionsPanel;
using delegate::ui::ConfirmationRequest;
using delegate::ui::DiffView;
using delegate::ui::LineComment;
using delegate::ui::ReviewView;

namespace {

// Renders the widget as the next paint would show it: posted layout
// requests first, so a label or button that just changed has its size.
bool saveShot(QWidget &widget, const QString &path)
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return widget.grab().save(path);
}

constexpr int engineTimeout = 90000;

QJsonObject submitKindTurn(const QString &kind, const QString &summary, const QString &content)
{
    return turn(
        { call(u"submit"_s, { { u"kind"_s, kind }, { u"summary"_s, summary }, { u"content"_s, content } }) });
}

QJsonObject writeTurn(const QString &path, const QString &content)
{
    return turn({ call(u"write_file"_s, { { u"path"_s, path }, { u"content"_s, content } }) });
}

const QString reportMarkdown =
    u"# Why add() fails\n\n"
    "`add()` in **sum.py** subtracts instead of adding:\n\n"
    "```python\nreturn a - b\n```\n\n"
    "## What to change\n\n"
    "- Replace `-` with `+`.\n"
    "- Keep the test as it is: it is right.\n\n"
    "| file | line | finding |\n|---|---|---|\n| sum.py | 7 | wrong operator |\n"_s;

QString issueDrafts()
{
    const QJsonArray drafts {
        QJsonObject { { u"title"_s, u"add() subtracts"_s },
                      { u"source_context"_s, u"sum.py:7"_s },
                      { u"current_behaviour"_s, u"add(2, 3) returns -1."_s },
                      { u"expected_behaviour"_s, u"add(2, 3) returns 5."_s },
                      { u"scope"_s, u"sum.py only"_s },
                      { u"acceptance_criteria"_s, QJsonArray { u"tests/test_sum.py passes"_s } },
                      { u"open_questions"_s, QJsonArray { u"Are there other callers?"_s } } },
        QJsonObject {
            { u"title"_s, u"No test for negative numbers"_s },
            { u"source_context"_s, u"tests/test_sum.py"_s },
            { u"acceptance_criteria"_s, QJsonArray { u"A test adds -2 and 3"_s, u"It passes"_s } } },
    };
    return QString::fromUtf8(QJsonDocument(drafts).toJson(QJsonDocument::Compact));
}

// Shows the view as a user would, active so that its shortcuts work.
bool showActive(QWidget &widget)
{
    widget.resize(1200, 760);
    widget.show();
    widget.activateWindow();
    return QTest::qWaitForWindowActive(&widget);
}

bool waitForReview(ReviewView &view, int version)
{
    return QTest::qWaitFor([&] { return view.state() == "in_review"_L1 && view.shownVersion() == version; },
                           engineTimeout);
}

} // namespace

class TestReviewView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void requestChangesThenApproveAndRunActions()
    {
        GuiEngine gui;
        gui.harness.server.setScript({
            editTurn(u"return a - b"_s, u"return a + b"_s),
            submitTurn(u"add() subtracted; it adds now."_s, u"Replaced 1 occurrence"_s),
            editTurn(u"Return the sum of a and b."_s, u"Return a + b, the sum of the operands a and b."_s,
                     u"sum.py:6: Name the operands."_s),
            submitTurn(u"The docstring names the operands."_s, u"Replaced 1 occurrence"_s),
        });
        QVERIFY(gui.start());
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        QVERIFY(!runId.isEmpty());

        ReviewView view(gui.hub.get());
        QVERIFY(showActive(view));
        view.showRun(u"local"_s, runId);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, runId)));
        DiffView *diff = view.diffBrowser()->view();
        QVERIFY(diff->diff());
        QCOMPARE(diff->diff()->files().constFirst().path(), u"sum.py"_s);
        QVERIFY(view.approveButton()->isEnabled());
        QVERIFY(view.rejectButton()->isEnabled());
        QVERIFY(!view.requestChangesButton()->isEnabled()); // nothing said yet
        QVERIFY(diff->commentsEnabled());
        QVERIFY(!view.actionsPanel()->isVisible());

        // A comment on line 6 of the new sum.py, by keyboard.
        const int line = diff->diff()->lineOfNewNumber(0, 6);
        QVERIFY(line >= 0);
        QVERIFY(diff->diff()->lines().at(line).text.contains(u"Return the sum of a and b."_s));
        diff->setCurrentLine(line);
        diff->setFocus();
        QTest::keyClick(diff, Qt::Key_C);
        QVERIFY(diff->isCommentEditorOpen());
        QTest::keyClicks(diff->commentEditor()->textEdit(), u"Name the operands."_s);
        // Ctrl+Enter adds the comment; it does not approve.
        QTest::keyClick(diff->commentEditor()->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(view.state(), u"in_review"_s);
        QCOMPARE(view.commentList()->comments().size(), 1);
        QCOMPARE(view.commentList()->comments().constFirst(),
                 (LineComment { u"sum.py"_s, 6, u"Name the operands."_s }));
        QVERIFY(view.commentList()->list()->item(0)->text().startsWith(u"sum.py:6: Name the operands."_s));
        QVERIFY(view.requestChangesButton()->isEnabled());
        QVERIFY(view.requestChangesButton()->text().contains(u"(1)"_s));
        view.overallComment()->setText(u"Almost."_s);

        QSignalSpy reviewed(&view, &ReviewView::reviewed);
        QTest::mouseClick(view.requestChangesButton(), Qt::LeftButton);
        QVERIFY(reviewed.wait(20000));
        QCOMPARE(reviewed.constFirst().at(0).toString(), u"changes"_s);
        // The engine got the line comment and the overall text.
        const RunRecord *record = gui.engine->state().run(runId);
        QCOMPARE(record->reviews.size(), 1);
        QCOMPARE(record->reviews.constFirst().verdict, Decision::Verdict::RequestChanges);
        QCOMPARE(record->reviews.constFirst().text, u"Almost."_s);
        QCOMPARE(record->reviews.constFirst().comments.size(), 1);
        QCOMPARE(record->reviews.constFirst().comments.constFirst().file, u"sum.py"_s);
        QCOMPARE(record->reviews.constFirst().comments.constFirst().line, 6);
        QCOMPARE(record->reviews.constFirst().comments.constFirst().text, u"Name the operands."_s);

        // Version 2 arrives (the agent read "sum.py:6: Name the operands.") and shows.
        QVERIFY2(waitForReview(view, 2), qPrintable(describe(*gui.engine, runId)));
        QCOMPARE(view.versionSelector()->count(), 2);
        QVERIFY(view.versionSelector()->currentText().contains(u"latest"_s));
        // The comments went with the request: version 2 starts without any.
        QVERIFY(!view.commentList()->isReadOnly());
        QVERIFY(view.commentList()->comments().isEmpty());
        bool docstring = false;
        for (const auto &entry : diff->diff()->lines())
            docstring = docstring || entry.text.contains(u"the sum of the operands a and b"_s);
        QVERIFY(docstring);
        QVERIFY(view.approveButton()->isEnabled());

        // Version 1 reads with the comments its review made; it cannot be reviewed.
        view.showVersion(1);
        QVERIFY(!view.approveButton()->isEnabled());
        QVERIFY(view.commentList()->isReadOnly());
        QCOMPARE(view.commentList()->comments().size(), 1);
        QVERIFY(view.notice()->text().contains(u"version 2 is the latest"_s));
        view.showVersion(2);
        QVERIFY(view.approveButton()->isEnabled());
        QVERIFY(!view.commentList()->isReadOnly());

        // Ctrl+Enter approves.
        diff->setFocus();
        QTest::keyClick(diff, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(reviewed.wait(20000));
        QCOMPARE(reviewed.constLast().at(0).toString(), u"approve"_s);
        QTRY_COMPARE_WITH_TIMEOUT(view.state(), u"approved"_s, 20000);
        QTRY_VERIFY(view.actionsPanel()->isVisible());
        ActionsPanel *actions = view.actionsPanel();
        QCOMPARE(actions->actionKinds(),
                 (QStringList { u"git.branch"_s, u"git.push"_s, u"github.pull_request"_s, u"slack.post"_s }));
        QCOMPARE(actions->actions().size(), 1); // only git.branch is checked
        QCOMPARE(actions->parameter(u"github.pull_request"_s, u"title"_s),
                 u"The docstring names the operands"_s);
        QVERIFY(actions->parameter(u"github.pull_request"_s, u"body"_s)
                    .startsWith(u"The docstring names the operands."_s));
        QCOMPARE(actions->parameter(u"git.push"_s, u"remote"_s), u"origin"_s);
        QVERIFY(actions->previewButton()->isEnabled());
        QVERIFY(!actions->runButton()->isEnabled()); // not before a preview

        // Preview: nothing changes, and it says what will.
        QSignalSpy previewed(actions, &ActionsPanel::previewed);
        QTest::mouseClick(actions->previewButton(), Qt::LeftButton);
        QVERIFY(previewed.wait(60000));
        const QJsonObject preview = previewed.constFirst().at(0).toJsonObject();
        QVERIFY(preview.value("dry_run"_L1).toBool());
        QVERIFY2(preview.value("actions"_L1).toArray().at(0).toObject().value("ok"_L1).toBool(),
                 qPrintable(actions->results()->toPlainText()));
        const QString shown = actions->results()->toPlainText();
        QVERIFY2(shown.contains(u"delegate/"_s + runId), qPrintable(shown));
        QVERIFY(shown.contains(u"sum.py"_s));
        QCOMPARE(view.state(), u"approved"_s);
        QVERIFY(actions->runButton()->isEnabled());

        // A changed parameter needs another preview.
        actions->setParameter(u"git.branch"_s, u"message"_s, u"Fix add()\n\nIt added wrong."_s);
        QVERIFY(!actions->runButton()->isEnabled());
        QTest::mouseClick(actions->previewButton(), Qt::LeftButton);
        QVERIFY(previewed.wait(60000));
        QVERIFY(actions->results()->toPlainText().contains(u"It added wrong."_s));
        QVERIFY(actions->runButton()->isEnabled());

        QSignalSpy acted(actions, &ActionsPanel::acted);
        QTest::mouseClick(actions->runButton(), Qt::LeftButton);
        QVERIFY(acted.wait(60000));
        const QJsonObject result = acted.constFirst().at(0).toJsonObject();
        QVERIFY2(result.value("ok"_L1).toBool(), qPrintable(actions->results()->toPlainText()));
        QVERIFY(actions->results()->toPlainText().contains(u"done"_s));
        QCOMPARE(actions->message()->kind(), ui::InlineMessage::Kind::Success);
        QTRY_COMPARE_WITH_TIMEOUT(view.state(), u"completed"_s, 20000);
        QCOMPARE(stateOf(*gui.engine, runId), RunState::Completed);
        QVERIFY(!actions->runButton()->isEnabled());
        // After the reload, the panel shows what ran, with the commit.
        QTRY_VERIFY(actions->results()->toPlainText().contains(u"Actions that ran"_s));
        QVERIFY(actions->results()->toPlainText().contains(u"Commit"_s));
        QByteArray branch;
        QVERIFY(gitOutput(gui.harness.repository, { u"show"_s, u"delegate/"_s + runId }, &branch));
        QVERIFY2(branch.contains("It added wrong.") && branch.contains("+    return a + b"),
                 branch.constData());
    }

    void anAuditorOnlyReads()
    {
        GuiEngine gui;
        gui.harness.server.setScript({
            editTurn(u"return a - b"_s, u"return a + b"_s),
            submitTurn(u"add() adds now."_s, u"Replaced 1 occurrence"_s),
        });
        QVERIFY(gui.start(u"auditor-token"_s));
        QCOMPARE(gui.session()->identity().role, Role::Auditor);
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        ReviewView view(gui.hub.get());
        QVERIFY(showActive(view));
        view.showRun(u"local"_s, runId);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, runId)));
        QVERIFY(view.diffBrowser()->view()->diff()->files().size() == 1);
        QVERIFY(!view.approveButton()->isEnabled());
        QVERIFY(!view.requestChangesButton()->isEnabled());
        QVERIFY(!view.rejectButton()->isEnabled());
        QVERIFY(!view.overallComment()->isEnabled());
        QVERIFY(view.notice()->isVisible());
        QVERIFY(view.notice()->text().contains(u"auditor"_s));
        DiffView *diff = view.diffBrowser()->view();
        QVERIFY(!diff->commentsEnabled());
        diff->setCurrentLine(diff->diff()->lineOfNewNumber(0, 7));
        diff->setFocus();
        QTest::keyClick(diff, Qt::Key_C);
        QVERIFY(!diff->isCommentEditorOpen());
        QTest::keyClick(diff, Qt::Key_Return, Qt::ControlModifier);
        view.approve();
        QCOMPARE(stateOf(*gui.engine, runId), RunState::InReview);
        QVERIFY(gui.engine->state().run(runId)->reviews.isEmpty());
    }

    void rejectingAsksFirst()
    {
        GuiEngine gui;
        gui.harness.server.setScript(
            { submitKindTurn(u"report"_s, u"add() subtracts; the test is right."_s, reportMarkdown) });
        QVERIFY(gui.start(u"reviewer-token"_s));
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        ReviewView view(gui.hub.get());
        QList<ConfirmationRequest> asked;
        bool answer = false;
        view.setConfirmer([&](QWidget *, const ConfirmationRequest &request) {
            asked.append(request);
            return answer;
        });
        QVERIFY(showActive(view));
        view.showRun(u"local"_s, runId);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, runId)));
        view.overallComment()->setText(u"Not needed any more."_s);

        QTest::mouseClick(view.rejectButton(), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        const QString said = asked.constFirst().consequences.join(u'\n');
        QVERIFY(said.contains(u"workspace"_s));
        QVERIFY(said.contains(u"“Not needed any more.”"_s));
        QCOMPARE(asked.constFirst().acceptText, u"Reject run"_s);
        QCOMPARE(stateOf(*gui.engine, runId), RunState::InReview); // declined: nothing happened

        answer = true;
        QSignalSpy reviewed(&view, &ReviewView::reviewed);
        QTest::mouseClick(view.rejectButton(), Qt::LeftButton);
        QVERIFY(reviewed.wait(20000));
        QTRY_COMPARE(view.state(), u"rejected"_s);
        QCOMPARE(gui.engine->state().run(runId)->reviews.constFirst().text, u"Not needed any more."_s);
        QCOMPARE(gui.engine->state().run(runId)->reviews.constFirst().decider, u"user:grace"_s);
        QVERIFY(!view.approveButton()->isEnabled());
        QVERIFY(!view.actionsPanel()->isVisible());
    }

    void issueDraftsAreEditedHere()
    {
        GuiEngine gui;
        gui.harness.server.setScript(
            { submitKindTurn(u"issues"_s, u"Two issues in sum.py."_s, issueDrafts()) });
        QVERIFY(gui.start());
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        ReviewView view(gui.hub.get());
        QList<ConfirmationRequest> asked;
        bool answer = false;
        view.setConfirmer([&](QWidget *, const ConfirmationRequest &request) {
            asked.append(request);
            return answer;
        });
        QVERIFY(showActive(view));
        view.showRun(u"local"_s, runId);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, runId)));
        ui::IssueDraftsEditor *editor = view.issueEditor();
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->list()->count(), 2);
        QCOMPARE(editor->titleField()->text(), u"add() subtracts"_s);
        QVERIFY(!editor->isEdited());

        editor->titleField()->selectAll();
        QTest::keyClicks(editor->titleField(), u"add() subtracts instead of adding"_s);
        QVERIFY(editor->isEdited());
        QCOMPARE(editor->drafts().at(0).toObject().value("title"_L1).toString(),
                 u"add() subtracts instead of adding"_s);
        // The other fields stay as they were.
        QCOMPARE(editor->drafts().at(0).toObject().value("acceptance_criteria"_L1).toArray(),
                 editor->originalDrafts().at(0).toObject().value("acceptance_criteria"_L1).toArray());
        QVERIFY(editor->list()->item(0)->text().startsWith(u"✎"_s));

        // Approving with pending edits says they are not kept.
        QTest::mouseClick(view.approveButton(), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.constFirst().consequences.join(u' ').contains(u"not saved"_s));
        QCOMPARE(stateOf(*gui.engine, runId), RunState::InReview);

        editor->discardEdits();
        QVERIFY(!editor->isEdited());
        QCOMPARE(editor->titleField()->text(), u"add() subtracts"_s);

        // Saved, the edit becomes version 2, and that is what gets approved.
        editor->titleField()->selectAll();
        QTest::keyClicks(editor->titleField(), u"add() subtracts instead of adding"_s);
        QVERIFY(editor->saveButton()->isVisible());
        QSignalSpy revised(&view, &ReviewView::revised);
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QVERIFY(revised.wait(20000));
        QCOMPARE(revised.constFirst().at(0).toInt(), 2);
        QVERIFY2(waitForReview(view, 2), qPrintable(describe(*gui.engine, runId)));
        QVERIFY(!editor->isEdited());
        QCOMPARE(editor->titleField()->text(), u"add() subtracts instead of adding"_s);
        const RunRecord *record = gui.engine->state().run(runId);
        QCOMPARE(record->artifacts.size(), 2);
        QCOMPARE(std::get<IssuesContent>(record->artifacts.at(1).content).drafts.at(0).title,
                 u"add() subtracts instead of adding"_s);
        QCOMPARE(std::get<IssuesContent>(record->artifacts.at(1).content).drafts.at(1).acceptanceCriteria,
                 (QStringList { u"A test adds -2 and 3"_s, u"It passes"_s }));

        QSignalSpy reviewed(&view, &ReviewView::reviewed);
        QTest::mouseClick(view.approveButton(), Qt::LeftButton);
        QVERIFY(reviewed.wait(20000));
        QCOMPARE(asked.size(), 1); // nothing pending: no question
        QTRY_VERIFY(view.actionsPanel()->isVisible());
        QCOMPARE(view.actionsPanel()->actionKinds(),
                 (QStringList { u"github.issues"_s, u"linear.issues"_s, u"slack.post"_s }));
    }

    void aReportIsWrittenToAFile()
    {
        GuiEngine gui;
        gui.harness.server.setScript(
            { submitKindTurn(u"report"_s, u"add() subtracts; the test is right."_s, reportMarkdown) });
        QVERIFY(gui.start());
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        ReviewView view(gui.hub.get());
        QVERIFY(showActive(view));
        view.showRun(u"local"_s, runId);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, runId)));
        QVERIFY(view.reportView()->isVisible());
        QVERIFY(view.reportView()->toPlainText().contains(u"Why add() fails"_s));
        QVERIFY(view.tabs()->tabText(1).contains(u"none"_s));

        // The reviewer corrects the report; the edit is version 2.
        ui::ReportPage *page = view.reportPage();
        QVERIFY(page->editButton()->isEnabled());
        QTest::mouseClick(page->editButton(), Qt::LeftButton);
        QVERIFY(page->isEditing());
        QVERIFY(!page->saveButton()->isEnabled()); // nothing changed yet
        page->editor()->moveCursor(QTextCursor::End);
        QTest::keyClick(page->editor(), Qt::Key_Return);
        QTest::keyClicks(page->editor(), u"Reviewed by a person."_s);
        QSignalSpy revised(&view, &ReviewView::revised);
        QTest::mouseClick(page->saveButton(), Qt::LeftButton);
        QVERIFY(revised.wait(20000));
        QVERIFY2(waitForReview(view, 2), qPrintable(describe(*gui.engine, runId)));
        QVERIFY(!page->isEditing());
        QVERIFY(view.reportView()->toPlainText().contains(u"Reviewed by a person."_s));

        QSignalSpy reviewed(&view, &ReviewView::reviewed);
        QTest::mouseClick(view.approveButton(), Qt::LeftButton);
        QVERIFY(reviewed.wait(20000));
        QTRY_VERIFY(view.actionsPanel()->isVisible());
        ActionsPanel *actions = view.actionsPanel();
        QCOMPARE(actions->actionKinds(), (QStringList { u"report.write_file"_s, u"slack.post"_s }));
        QCOMPARE(actions->parameter(u"report.write_file"_s, u"path"_s), u"reports/fix-add.md"_s);
        QTemporaryDir out;
        actions->setParameter(u"report.write_file"_s, u"directory"_s, out.path());
        QSignalSpy previewed(actions, &ActionsPanel::previewed);
        QTest::mouseClick(actions->previewButton(), Qt::LeftButton);
        QVERIFY(previewed.wait(30000));
        QVERIFY2(actions->runButton()->isEnabled(), qPrintable(actions->results()->toPlainText()));
        QVERIFY(actions->results()->toPlainText().contains(u"Why add() fails"_s)); // the contents
        QVERIFY(!QFile::exists(out.filePath(u"reports/fix-add.md"_s)));
        QSignalSpy acted(actions, &ActionsPanel::acted);
        QTest::mouseClick(actions->runButton(), Qt::LeftButton);
        QVERIFY2(acted.wait(30000), qPrintable(actions->message()->text()));
        QTRY_COMPARE(view.state(), u"completed"_s);
        QFile written(out.filePath(u"reports/fix-add.md"_s));
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray contents = written.readAll();
        QVERIFY(contents.contains("# Why add() fails"));
        QVERIFY(contents.contains("Reviewed by a person."));
    }

    void screenshots()
    {
        const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
        if (directory.isEmpty())
            QSKIP("screenshots are made on request: set DELEGATE_SCREENSHOT_DIR to a folder to render the "
                  "review view");
        QDir().mkpath(directory);
        const QString helper = u"def mean(values):\n"
                               "    \"\"\"The arithmetic mean of a non-empty list.\"\"\"\n"
                               "    if not values:\n"
                               "        raise ValueError(\"mean() of an empty list\")\n"
                               "    total = 0\n"
                               "    for value in values:\n"
                               "        total = add(total, value)\n"
                               "    return total / len(values)\n"_s;
        GuiEngine gui;
        gui.harness.maxConcurrentRuns = 3;
        QJsonObject edit = editTurn(u"return a - b"_s, u"return a + b"_s);
        edit.insert(u"when_contains"_s, u"Fix add()"_s);
        QJsonObject write = writeTurn(u"stats.py"_s, u"from sum import add\n\n\n"_s + helper);
        write.insert(u"when_contains"_s, u"Replaced 1 occurrence"_s);
        QJsonObject submitPatch = submitTurn(u"add() subtracted; it adds now, and mean() uses it."_s);
        submitPatch.insert(u"when_contains"_s, u"Wrote stats.py"_s);
        QJsonObject report =
            submitKindTurn(u"report"_s, u"add() subtracts; the test is right."_s, reportMarkdown);
        report.insert(u"when_contains"_s, u"Explain add()"_s);
        QJsonObject issues = submitKindTurn(u"issues"_s, u"Two issues in sum.py."_s, issueDrafts());
        issues.insert(u"when_contains"_s, u"File issues"_s);
        gui.harness.server.setScript({ submitPatch, write, edit, report, issues });
        QVERIFY(gui.start());
        const QString patchRun = gui.submit(gui.harness.fixTheTest()).value(0);
        SubmitRequest reportRequest = gui.harness.fixTheTest();
        reportRequest.task.title = u"Explain add()"_s;
        const QString reportRun = gui.submit(reportRequest).value(0);
        SubmitRequest issuesRequest = gui.harness.fixTheTest();
        issuesRequest.task.title = u"File issues"_s;
        const QString issuesRun = gui.submit(issuesRequest).value(0);

        ReviewView view(gui.hub.get());
        view.setConfirmer([](QWidget *, const ConfirmationRequest &) { return true; });
        QVERIFY(showActive(view));
        view.showRun(u"local"_s, patchRun);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, patchRun)));
        DiffView *diff = view.diffBrowser()->view();
        const int stats = diff->diff()->fileIndex(u"stats.py"_s);
        QVERIFY(stats >= 0);
        diff->setCurrentLine(diff->diff()->lineOfNewNumber(stats, 10));
        diff->setFocus();
        QTest::keyClick(diff, Qt::Key_C);
        QTest::keyClicks(diff->commentEditor()->textEdit(), u"Use sum(values) instead of the loop."_s);
        QTest::keyClick(diff->commentEditor()->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        diff->setCurrentLine(diff->diff()->lineOfNewNumber(stats, 7));
        QTest::keyClick(diff, Qt::Key_C);
        QTest::keyClicks(diff->commentEditor()->textEdit(), u"Say which list was empty."_s);
        QVERIFY(saveShot(view, directory + u"/review-patch-commenting.png"_s));
        QTest::keyClick(diff->commentEditor()->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        view.overallComment()->setText(u"Nearly there."_s);
        QVERIFY(saveShot(view, directory + u"/review-patch.png"_s));
        diff->setMode(DiffView::Mode::SideBySide);
        QVERIFY(saveShot(view, directory + u"/review-patch-side-by-side.png"_s));
        diff->setMode(DiffView::Mode::Unified);
        // The colours read on a dark palette too.
        const QPalette light = view.palette();
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
        view.setPalette(dark);
        QVERIFY(saveShot(view, directory + u"/review-patch-dark.png"_s));
        view.setPalette(light);

        QSignalSpy reviewed(&view, &ReviewView::reviewed);
        view.approve();
        QVERIFY(reviewed.wait(20000));
        QTRY_VERIFY(view.actionsPanel()->isVisible());
        view.actionsPanel()->setActionChecked(u"git.push"_s, true);
        QSignalSpy previewed(view.actionsPanel(), &ActionsPanel::previewed);
        view.actionsPanel()->preview();
        QVERIFY(previewed.wait(60000));
        QVERIFY(saveShot(view, directory + u"/review-approved-preview.png"_s));

        view.showRun(u"local"_s, reportRun);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, reportRun)));
        QVERIFY(saveShot(view, directory + u"/review-report.png"_s));

        view.showRun(u"local"_s, issuesRun);
        QVERIFY2(waitForReview(view, 1), qPrintable(describe(*gui.engine, issuesRun)));
        view.issueEditor()->titleField()->selectAll();
        QTest::keyClicks(view.issueEditor()->titleField(), u"add() subtracts instead of adding"_s);
        QVERIFY(saveShot(view, directory + u"/review-issues.png"_s));
        qInfo().noquote() << "screenshots in" << directory;
    }
};

QTEST_MAIN(TestReviewView)
#include "tst_reviewview.moc"
