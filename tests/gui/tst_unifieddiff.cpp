// SPDX-License-Identifier: GPL-3.0-or-later
// The unified diff parser, case by case (new, deleted, renamed and binary
// files, several hunks, no newline at the end, plain `diff -u`), and the
// viewer on a 20,000-line diff: it loads, scrolls to the end in both modes,
// jumps between files, finds, and takes a comment on a new line.
#include "review/diffbrowser.h"
#include "review/diffview.h"
#include "review/evidenceview.h"
#include "review/linecommenteditor.h"
#include "review/reviewcommentlist.h"
#include "review/unifieddiff.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using delegate::ui::DiffBrowser;
using delegate::ui::DiffView;
using delegate::ui::EvidenceView;
using delegate::ui::LineComment;
using delegate::ui::ReviewCommentList;
using delegate::ui::UnifiedDiff;

Q_DECLARE_METATYPE(UnifiedDiff::FileStatus)

namespace {

// One letter per line kind, so a case states its whole shape in a string.
QChar letter(UnifiedDiff::LineKind kind)
{
    switch (kind) {
    case UnifiedDiff::LineKind::FileHeader:
        return u'F';
    case UnifiedDiff::LineKind::HunkHeader:
        return u'H';
    case UnifiedDiff::LineKind::Context:
        return u' ';
    case UnifiedDiff::LineKind::Added:
        return u'+';
    case UnifiedDiff::LineKind::Removed:
        return u'-';
    case UnifiedDiff::LineKind::NoNewline:
        return u'\\';
    case UnifiedDiff::LineKind::Binary:
        return u'B';
    }
    return u'?';
}

QString shapeOf(const UnifiedDiff &diff)
{
    QString shape;
    for (const UnifiedDiff::Line &line : diff.lines())
        shape += letter(line.kind);
    return shape;
}

// "old/new" per code line, e.g. "1/1 2/0 0/2".
QString numbersOf(const UnifiedDiff &diff)
{
    QStringList numbers;
    for (const UnifiedDiff::Line &line : diff.lines()) {
        if (line.kind == UnifiedDiff::LineKind::Context || line.kind == UnifiedDiff::LineKind::Added
            || line.kind == UnifiedDiff::LineKind::Removed)
            numbers.append(u"%1/%2"_s.arg(line.oldNumber).arg(line.newNumber));
    }
    return numbers.join(u' ');
}

// A diff of `files` files with `linesPerFile` changed lines each, in hunks of 50.
QString generatedDiff(int files, int linesPerFile)
{
    QString text;
    text.reserve(files * linesPerFile * 40);
    for (int file = 0; file < files; ++file) {
        const QString path = u"src/module%1/file%1.cpp"_s.arg(file);
        text += u"diff --git a/%1 b/%1\nindex 1111111..2222222 100644\n--- a/%1\n+++ b/%1\n"_s.arg(path);
        int old = 1;
        for (int done = 0; done < linesPerFile; done += 50) {
            // 50 lines: 10 context, 20 removed, 20 added.
            text += u"@@ -%1,30 +%1,30 @@ void function%2()\n"_s.arg(old).arg(done);
            for (int i = 0; i < 5; ++i)
                text += u"     context line %1\n"_s.arg(old + i);
            for (int i = 0; i < 20; ++i)
                text += u"-    int value%1 = compute(%2);\n"_s.arg(i).arg(old + 5 + i);
            for (int i = 0; i < 20; ++i)
                text +=
                    u"+    int value%1 = computeFaster(%2); // file %3\n"_s.arg(i).arg(old + 5 + i).arg(file);
            for (int i = 0; i < 5; ++i)
                text += u"     context line %1\n"_s.arg(old + 25 + i);
            old += 100;
        }
    }
    return text;
}

} // namespace

class TestUnifiedDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parses_data()
    {
        QTest::addColumn<QString>("diff");
        QTest::addColumn<int>("files");
        QTest::addColumn<QString>("path"); // of the first file
        QTest::addColumn<UnifiedDiff::FileStatus>("status");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<int>("added");
        QTest::addColumn<int>("removed");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("numbers");

        using S = UnifiedDiff::FileStatus;
        QTest::addRow("modified") << u"diff --git a/sum.py b/sum.py\n"
                                     "index 4b1c..9f2e 100644\n"
                                     "--- a/sum.py\n"
                                     "+++ b/sum.py\n"
                                     "@@ -5,3 +5,3 @@ def add(a, b):\n"
                                     " def add(a, b):\n"
                                     "     \"\"\"Return the sum of a and b.\"\"\"\n"
                                     "-    return a - b\n"
                                     "+    return a + b\n"_s
                                  << 1 << u"sum.py"_s << S::Modified << false << 1 << 1 << u"FH  -+"_s
                                  << u"5/5 6/6 7/0 0/7"_s;
        QTest::addRow("new file") << u"diff --git a/notes/new.txt b/notes/new.txt\n"
                                     "new file mode 100644\n"
                                     "index 0000000..e69de29\n"
                                     "--- /dev/null\n"
                                     "+++ b/notes/new.txt\n"
                                     "@@ -0,0 +1,2 @@\n"
                                     "+one\n"
                                     "+two\n"_s
                                  << 1 << u"notes/new.txt"_s << S::Added << false << 2 << 0 << u"FH++"_s
                                  << u"0/1 0/2"_s;
        QTest::addRow("deleted file")
            << u"diff --git a/old.txt b/old.txt\n"
               "deleted file mode 100644\n"
               "index e69de29..0000000\n"
               "--- a/old.txt\n"
               "+++ /dev/null\n"
               "@@ -1,2 +0,0 @@\n"
               "-one\n"
               "-two\n"_s
            << 1 << u"old.txt"_s << S::Deleted << false << 0 << 2 << u"FH--"_s << u"1/0 2/0"_s;
        QTest::addRow("binary") << u"diff --git a/img/logo.png b/img/logo.png\n"
                                   "new file mode 100644\n"
                                   "index 0000000..3f4a1b2\n"
                                   "Binary files /dev/null and b/img/logo.png differ\n"_s
                                << 1 << u"img/logo.png"_s << S::Added << true << 0 << 0 << u"FB"_s
                                << QString();
        QTest::addRow("git binary patch")
            << u"diff --git a/a.bin b/a.bin\n"
               "index 1111111..2222222 100644\n"
               "GIT binary patch\n"
               "literal 12\n"
               "TcmZ?wbhEHbWMu#X+4KTG\n"
               "\n"
               "diff --git a/b.txt b/b.txt\n"
               "--- a/b.txt\n"
               "+++ b/b.txt\n"
               "@@ -1 +1 @@\n"
               "-x\n"
               "+y\n"_s
            << 2 << u"a.bin"_s << S::Modified << true << 0 << 0 << u"FBFH-+"_s << u"1/0 0/1"_s;
        QTest::addRow("several hunks") << u"diff --git a/m.c b/m.c\n"
                                          "--- a/m.c\n"
                                          "+++ b/m.c\n"
                                          "@@ -1,2 +1,3 @@\n"
                                          " a\n"
                                          "+b\n"
                                          " c\n"
                                          "@@ -10,2 +11,1 @@ int main()\n"
                                          " x\n"
                                          "-y\n"_s
                                       << 1 << u"m.c"_s << S::Modified << false << 1 << 1 << u"FH + H -"_s
                                       << u"1/1 0/2 2/3 10/11 11/0"_s;
        QTest::addRow("no newline at end")
            << u"diff --git a/t.txt b/t.txt\n"
               "--- a/t.txt\n"
               "+++ b/t.txt\n"
               "@@ -1 +1 @@\n"
               "-old\n"
               "\\ No newline at end of file\n"
               "+new\n"
               "\\ No newline at end of file\n"_s
            << 1 << u"t.txt"_s << S::Modified << false << 1 << 1 << u"FH-\\+\\"_s << u"1/0 0/1"_s;
        QTest::addRow("rename") << u"diff --git a/a.txt b/b.txt\n"
                                   "similarity index 80%\n"
                                   "rename from a.txt\n"
                                   "rename to b.txt\n"
                                   "--- a/a.txt\n"
                                   "+++ b/b.txt\n"
                                   "@@ -1 +1 @@\n"
                                   "-1\n"
                                   "+2\n"_s
                                << 1 << u"b.txt"_s << S::Renamed << false << 1 << 1 << u"FH-+"_s
                                << u"1/0 0/1"_s;
        QTest::addRow("removed line that looks like a header")
            << u"diff --git a/q.sql b/q.sql\n"
               "--- a/q.sql\n"
               "+++ b/q.sql\n"
               "@@ -1,2 +1,2 @@\n"
               "--- a comment\n"
               "+++ another\n"
               " select 1;\n"_s
            << 1 << u"q.sql"_s << S::Modified << false << 1 << 1 << u"FH-+ "_s << u"1/0 0/1 2/2"_s;
        QTest::addRow("plain diff -u") << u"--- a.txt\t2024-05-01 12:00:00\n"
                                          "+++ a.txt\t2024-05-01 12:01:00\n"
                                          "@@ -1,2 +1,2 @@\n"
                                          " keep\n"
                                          "-drop\n"
                                          "+take\n"
                                          "--- b.txt\n"
                                          "+++ b.txt\n"
                                          "@@ -1 +1 @@\n"
                                          "-b\n"
                                          "+c\n"_s
                                       << 2 << u"a.txt"_s << S::Modified << false << 1 << 1 << u"FH -+FH-+"_s
                                       << u"1/1 2/0 0/2 1/0 0/1"_s;
        QTest::addRow("crlf and empty context")
            << u"diff --git a/w.txt b/w.txt\r\n"
               "--- a/w.txt\r\n"
               "+++ b/w.txt\r\n"
               "@@ -1,3 +1,3 @@\r\n"
               " a\r\n"
               "\r\n"
               "-b\r\n"
               "+B\r\n"_s
            << 1 << u"w.txt"_s << S::Modified << false << 1 << 1 << u"FH  -+"_s << u"1/1 2/2 3/0 0/3"_s;
        QTest::addRow("empty") << QString() << 0 << QString() << S::Modified << false << 0 << 0 << QString()
                               << QString();
    }

    void parses()
    {
        QFETCH(QString, diff);
        QFETCH(int, files);
        QFETCH(QString, path);
        QFETCH(UnifiedDiff::FileStatus, status);
        QFETCH(bool, binary);
        QFETCH(int, added);
        QFETCH(int, removed);
        QFETCH(QString, shape);
        QFETCH(QString, numbers);

        const UnifiedDiff parsed = UnifiedDiff::parse(diff);
        QCOMPARE(parsed.files().size(), files);
        QCOMPARE(shapeOf(parsed), shape);
        QCOMPARE(numbersOf(parsed), numbers);
        if (files == 0)
            return;
        const UnifiedDiff::File &first = parsed.files().constFirst();
        QCOMPARE(first.path(), path);
        QCOMPARE(first.status, status);
        QCOMPARE(first.binary, binary);
        QCOMPARE(first.added, added);
        QCOMPARE(first.removed, removed);
        // Every line belongs to the file whose range holds it.
        for (qsizetype f = 0; f < parsed.files().size(); ++f) {
            const UnifiedDiff::File &file = parsed.files().at(f);
            QCOMPARE(parsed.lines().at(file.firstLine).kind, UnifiedDiff::LineKind::FileHeader);
            for (int i = file.firstLine; i < file.firstLine + file.lineCount; ++i)
                QCOMPARE(parsed.lines().at(i).file, int(f));
        }
    }

    void detailsOfLines()
    {
        const UnifiedDiff parsed = UnifiedDiff::parse(u"diff --git a/m.c b/m.c\n"
                                                      "--- a/m.c\n"
                                                      "+++ b/m.c\n"
                                                      "@@ -1,2 +1,3 @@\n"
                                                      " a\n"
                                                      "+\tb\n"
                                                      " c\n"
                                                      "@@ -10,2 +11,1 @@ int main()\n"
                                                      " x\n"
                                                      "-y\n"_s);
        const UnifiedDiff::File &file = parsed.files().constFirst();
        QCOMPARE(file.hunks.size(), 2);
        QCOMPARE(file.hunks.at(1).oldStart, 10);
        QCOMPARE(file.hunks.at(1).newStart, 11);
        QCOMPARE(file.hunks.at(1).newCount, 1);
        QCOMPARE(file.hunks.at(1).section, u"int main()"_s);
        QCOMPARE(parsed.lines().at(3).text, u"\tb"_s); // the marker goes, tabs stay
        QCOMPARE(parsed.lineOfNewNumber(0, 2), 3);
        QCOMPARE(parsed.lineOfNewNumber(0, 11), 6);
        QCOMPARE(parsed.lineOfNewNumber(0, 5), -1); // between the hunks
        QCOMPARE(parsed.fileIndex(u"m.c"_s), 0);
        QCOMPARE(parsed.totalAdded(), 1);
        QCOMPARE(parsed.totalRemoved(), 1);
        QCOMPARE(parsed.largestLineNumber(), 11);
    }

    void sideBySidePairsReplacedLines()
    {
        const UnifiedDiff parsed = UnifiedDiff::parse(u"--- a/x\n+++ b/x\n"
                                                      "@@ -1,5 +1,3 @@\n"
                                                      " a\n"
                                                      "-b\n"
                                                      "-c\n"
                                                      "+B\n"
                                                      " d\n"
                                                      "-e\n"_s);
        const QList<UnifiedDiff::SideBySideRow> rows = parsed.sideBySideRows();
        // header, hunk, a, b|B, c|-, d, e|-
        QCOMPARE(rows.size(), 7);
        QCOMPARE(rows.at(0).left, 0);
        QCOMPARE(rows.at(0).right, 0);
        QCOMPARE(rows.at(3).left, 3); // -b
        QCOMPARE(rows.at(3).right, 5); // +B
        QCOMPARE(rows.at(4).left, 4); // -c
        QCOMPARE(rows.at(4).right, -1);
        QCOMPARE(rows.at(6).left, 7);
        QCOMPARE(rows.at(6).right, -1);
    }

    void viewerOpensTwentyThousandLines()
    {
        // 40 files × 500 changed lines: 20,000 lines of diff, more with headers.
        const QString text = generatedDiff(40, 500);
        QElapsedTimer timer;
        timer.start();
        auto parsed = std::make_shared<const UnifiedDiff>(UnifiedDiff::parse(text));
        const qint64 parseMs = timer.elapsed();
        QVERIFY(parsed->lines().size() > 20000);
        QCOMPARE(parsed->files().size(), 40);
        QCOMPARE(parsed->totalAdded(), 40 * 200);

        DiffBrowser browser;
        browser.resize(1100, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        timer.restart();
        browser.setDiff(parsed);
        DiffView *view = browser.view();
        (void)view->grab(); // one full paint
        qInfo("parsed %lld lines in %lld ms; shown and painted in %lld ms", qint64(parsed->lines().size()),
              parseMs, timer.elapsed());
        QCOMPARE(view->rowCount(), parsed->lines().size());
        QCOMPARE(browser.fileList()->topLevelItemCount(), 40);
        QCOMPARE(browser.fileList()->topLevelItem(3)->text(1), u"+200"_s);
        QCOMPARE(view->firstVisibleRow(), 0);

        // To the end, by keyboard.
        view->setFocus();
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->currentLine(), int(parsed->lines().size()) - 1);
        QCOMPARE(view->lastVisibleRow(), view->rowCount() - 1);
        QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
        QCOMPARE(view->fileAtTop(), 39);
        (void)view->grab();

        // Side by side: fewer rows (pairs), and the end is still reachable.
        view->setMode(DiffView::Mode::SideBySide);
        QVERIFY(view->rowCount() < parsed->lines().size());
        QTest::keyClick(view, Qt::Key_Home);
        QCOMPARE(view->firstVisibleRow(), 0);
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->lastVisibleRow(), view->rowCount() - 1);
        (void)view->grab();
        view->setMode(DiffView::Mode::Unified);

        // Files: J and K, and a click in the list.
        QTest::keyClick(view, Qt::Key_Home);
        QTest::keyClick(view, Qt::Key_J);
        QCOMPARE(view->fileAtTop(), 1);
        QTest::keyClick(view, Qt::Key_N);
        QCOMPARE(view->fileAtTop(), 2);
        QTest::keyClick(view, Qt::Key_K);
        QCOMPARE(view->fileAtTop(), 1);
        QCOMPARE(browser.fileList()->currentItem(), browser.fileList()->topLevelItem(1));
        QTreeWidgetItem *item = browser.fileList()->topLevelItem(30);
        browser.fileList()->scrollToItem(item);
        QTest::mouseClick(browser.fileList()->viewport(), Qt::LeftButton, {},
                          browser.fileList()->visualItemRect(item).center());
        QCOMPARE(view->fileAtTop(), 30);
        QCOMPARE(view->firstVisibleRow(), parsed->files().at(30).firstLine);

        // Find: Ctrl+F, a text only the last file has, Enter.
        QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(browser.findBar()->isVisible());
        QTest::keyClicks(browser.findField(), u"file 39"_s);
        QCOMPARE(view->matchCount(), 200);
        QTest::keyClick(browser.findField(), Qt::Key_Return);
        const UnifiedDiff::Line &found = parsed->lines().at(view->currentLine());
        QCOMPARE(found.file, 39);
        QVERIFY(found.text.contains(u"file 39"_s));
        const int row = view->rowOfLine(view->currentLine());
        QVERIFY(row >= view->firstVisibleRow() && row <= view->lastVisibleRow());
        QTest::keyClick(browser.findField(), Qt::Key_Escape);
        QVERIFY(!browser.findBar()->isVisible());
    }

    void commentsGoOnNewLines()
    {
        auto parsed = std::make_shared<const UnifiedDiff>(UnifiedDiff::parse(generatedDiff(2, 50)));
        DiffView view;
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDiff(parsed);
        QSignalSpy written(&view, &DiffView::commentWritten);

        // Not without the right to review.
        QVERIFY(!view.startComment(parsed->lineOfNewNumber(0, 10)));
        view.setCommentsEnabled(true);

        // A removed line has no place in the new version.
        int removedLine = -1;
        for (int i = 0; i < int(parsed->lines().size()) && removedLine < 0; ++i) {
            if (parsed->lines().at(i).kind == UnifiedDiff::LineKind::Removed)
                removedLine = i;
        }
        view.setCurrentLine(removedLine);
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_C);
        QVERIFY(!view.isCommentEditorOpen());

        // An added line: C opens the editor under it, Ctrl+Enter adds the comment.
        const int line = parsed->lineOfNewNumber(0, 10);
        QCOMPARE(parsed->lines().at(line).kind, UnifiedDiff::LineKind::Added);
        view.setCurrentLine(line);
        QTest::keyClick(&view, Qt::Key_C);
        QVERIFY(view.isCommentEditorOpen());
        QVERIFY(view.commentEditor()->isVisible());
        QTRY_VERIFY(view.commentEditor()->textEdit()->hasFocus());
        QVERIFY(!view.commentEditor()->addButton()->isEnabled());
        QTest::keyClicks(view.commentEditor()->textEdit(), u"Name it faster."_s);
        QTest::keyClick(view.commentEditor()->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(written.size(), 1);
        const auto comment = written.constFirst().at(0).value<LineComment>();
        QCOMPARE(comment.file, u"src/module0/file0.cpp"_s);
        QCOMPARE(comment.line, 10);
        QCOMPARE(comment.text, u"Name it faster."_s);
        QVERIFY(!view.isCommentEditorOpen());

        // Double-click on a context line, then Escape closes without a comment.
        const int context = parsed->lineOfNewNumber(0, 2);
        view.verticalScrollBar()->setValue(0);
        QPoint position; // found by clicking down the rows
        for (int py = 1; py < view.viewport()->height(); py += 2) {
            QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(300, py));
            if (view.currentLine() == context) {
                position = QPoint(300, py);
                break;
            }
        }
        QVERIFY(!position.isNull());
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, position);
        QVERIFY(view.isCommentEditorOpen());
        QTest::keyClick(view.commentEditor()->textEdit(), Qt::Key_Escape);
        QVERIFY(!view.isCommentEditorOpen());
        QCOMPARE(written.size(), 1);
    }

    void commentListSortsAndRemoves()
    {
        ReviewCommentList list;
        QSignalSpy changed(&list, &ReviewCommentList::commentsChanged);
        list.addComment({ u"b.py"_s, 3, u"Later file."_s });
        list.addComment({ u"a.py"_s, 9, u"Second line."_s });
        list.addComment({ u"a.py"_s, 2, u"First line."_s });
        QCOMPARE(changed.size(), 3);
        // In the order the agent reads them: by file, then line.
        QCOMPARE(list.list()->item(0)->text(), u"a.py:2: First line."_s);
        QCOMPARE(list.list()->item(2)->text(), u"b.py:3: Later file."_s);
        list.list()->setCurrentRow(1);
        QTest::keyClick(&list, Qt::Key_Delete);
        QCOMPARE(list.comments().size(), 2);
        QCOMPARE(list.comments().at(1).file, u"b.py"_s);
        list.setReadOnly(true, u"Review of v1"_s);
        QTest::keyClick(&list, Qt::Key_Delete);
        QCOMPARE(list.comments().size(), 2); // read-only: nothing goes
    }

    void evidenceShowsCommandsAndTests()
    {
        const QJsonObject evidence {
            { u"commands"_s,
              QJsonArray { QJsonObject { { u"command"_s, u"python3 -m unittest -q"_s },
                                         { u"exit_code"_s, 1 },
                                         { u"output"_s, u"FAIL: test_add (tests.test_sum.TestSum)"_s } },
                           QJsonObject { { u"command"_s, u"ruff check ."_s }, { u"exit_code"_s, 0 } } } },
            { u"tests"_s,
              QJsonArray { QJsonObject { { u"name"_s, u"test_add"_s }, { u"outcome"_s, u"failed"_s } },
                           QJsonObject { { u"name"_s, u"test_sub"_s }, { u"outcome"_s, u"passed"_s } } } },
        };
        QCOMPARE(EvidenceView::summary(evidence), u"2 command(s) (1 failed) · 1 test(s) passed, 1 failed"_s);
        QVERIFY(EvidenceView::hasFailures(evidence));
        EvidenceView view;
        view.setEvidence(evidence);
        const QString text = view.toPlainText();
        QVERIFY(text.contains(u"$ python3 -m unittest -q"_s));
        QVERIFY(text.contains(u"✗ exit 1"_s));
        QVERIFY(text.contains(u"FAIL: test_add"_s));
        QVERIFY(text.contains(u"✓ exit 0"_s));
        QVERIFY(text.contains(u"test_sub"_s));
        QVERIFY(view.toHtml().contains(u"<pre"_s)); // output in monospace
        view.setEvidence({});
        QVERIFY(view.toPlainText().contains(u"no evidence"_s));
        QVERIFY(EvidenceView::summary({}).isEmpty());
    }
};

QTEST_MAIN(TestUnifiedDiff)
#include "tst_unifieddiff.moc"
