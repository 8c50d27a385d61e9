// SPDX-License-Identifier: GPL-3.0-or-later
// The task composer without an engine: every bound round-trips through the
// form (YAML -> form -> YAML), the boundedness meter and its findings follow
// edits, a finding leads to its field, the scope tree reads a real git
// repository lazily and writes include and exclude paths, task files open
// and save with their errors shown in place, and edits undo.
#include "compose/boundednessmeter.h"
#include "compose/contexteditor.h"
#include "compose/limitseditor.h"
#include "compose/scopeeditor.h"
#include "compose/scopetreemodel.h"
#include "compose/stringlisteditor.h"
#include "compose/taskcomposer.h"
#include "compose/taskform.h"
#include "domainsamples.h"
#include "engine/enginehub.h"
#include "review/inlinemessage.h"

#include "domain/taskyaml.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::ui;

namespace {

const QString examples = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/tasks");

bool git(const QString &directory, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(u"git"_s,
                  QStringList { u"-c"_s, u"user.name=Test"_s, u"-c"_s, u"user.email=test@example.invalid"_s }
                      + arguments);
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit
        && process.exitCode() == 0;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// A repository with nested folders, a branch and a tag.
QString makeTreeRepository(const QString &parent)
{
    const QString root = parent + u"/tree-repo"_s;
    const bool written = writeFile(root + u"/README.md"_s, "# shop\n")
        && writeFile(root + u"/src/cart.py"_s, "x = 1\n")
        && writeFile(root + u"/src/vendor/lib.py"_s, "y = 2\n")
        && writeFile(root + u"/docs/runbook.md"_s, "run\n");
    if (!written || !git(root, { u"init"_s, u"-q"_s, u"-b"_s, u"main"_s })
        || !git(root, { u"add"_s, u"-A"_s }) || !git(root, { u"commit"_s, u"-q"_s, u"-m"_s, u"base"_s })
        || !git(root, { u"tag"_s, u"v1"_s }) || !git(root, { u"branch"_s, u"release"_s }))
        return {};
    return root;
}

QListWidgetItem *findingFor(BoundednessMeter *meter, const QString &rule)
{
    QListWidget *list = meter->findingsList();
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(BoundednessMeter::RuleRole).toString() == rule)
            return list->item(row);
    }
    return nullptr;
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data().toString());
    return names;
}

} // namespace

class TestTaskComposer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("file");
        QDirIterator it(examples, { u"*.yaml"_s }, QDir::Files);
        QStringList files;
        while (it.hasNext())
            files.append(it.next());
        files.sort();
        QVERIFY(files.size() >= 6);
        for (const QString &file : files)
            QTest::addRow("%s", qPrintable(QFileInfo(file).fileName())) << file;
        QTest::addRow("every field set") << QString();
    }

    // YAML -> form -> YAML gives the same task, for every example and for
    // a task with every field set to something other than its default.
    void roundTrip()
    {
        QFETCH(QString, file);
        QTemporaryDir directory;
        QString path = file;
        if (path.isEmpty()) {
            path = directory.filePath(u"every-field.yaml"_s);
            QVERIFY(writeFile(path, TaskYaml::save(samples::task())));
        }
        const LoadResult<TaskSpec> original = TaskYaml::load(path);
        QVERIFY(original.ok());

        EngineHub hub;
        TaskComposer composer(&hub);
        QVERIFY(composer.openFile(path));
        QCOMPARE(composer.task().toJson(), original.value->toJson());
        QVERIFY(!composer.isModified());
        QVERIFY(composer.form()->problems().isEmpty());

        const QString saved = directory.filePath(u"saved.yaml"_s);
        QVERIFY(composer.saveFile(saved));
        const LoadResult<TaskSpec> reread = TaskYaml::load(saved);
        QVERIFY2(reread.ok(), qPrintable(reread.errors.value(0).toString()));
        QCOMPARE(reread.value->toJson(), original.value->toJson());
        QVERIFY(*reread.value == *original.value);

        // And through setTask, as a duplicated run's task comes in.
        TaskComposer second(&hub);
        second.setTask(*original.value);
        QVERIFY(second.task() == *original.value);
    }

    // The meter and its findings follow the fields: an empty objective is
    // a finding; writing one takes it away and raises the score.
    void meterFollowsEdits()
    {
        EngineHub hub;
        TaskComposer composer(&hub);
        composer.resize(1200, 800);
        composer.show();
        BoundednessMeter *meter = composer.meter();
        QCOMPARE(meter->report().verdict, LintVerdict::Unbounded);
        QVERIFY(findingFor(meter, u"objective-missing"_s));
        QVERIFY(findingFor(meter, u"wall-time-missing"_s));
        const int before = meter->report().score;

        QPlainTextEdit *objective = composer.form()->objectiveEdit();
        objective->setFocus();
        QTest::keyClicks(objective,
                         u"Make the failing test in tests/test_cart.py pass without changing the test."_s);
        QTRY_VERIFY(!findingFor(meter, u"objective-missing"_s));
        QVERIFY(!findingFor(meter, u"objective-too-short"_s));
        QVERIFY(meter->report().score > before);

        LimitsEditor *limits = composer.form()->limitsEditor();
        QTest::keyClicks(limits->wallTimeEdit(), u"30m"_s);
        QTRY_VERIFY(!findingFor(meter, u"wall-time-missing"_s));
        QCOMPARE(composer.task().limits.wallTime, std::chrono::seconds(1800));

        // Text that is not a limit stays, is marked, and blocks saving.
        QTest::keyClicks(limits->tokensEdit(), u"lots"_s);
        QTRY_VERIFY(!composer.form()->problems().isEmpty());
        QVERIFY(composer.form()->problems().constFirst().startsWith(u"limits.tokens"_s));
        QTemporaryDir directory;
        const QString path = directory.filePath(u"task.yaml"_s);
        QVERIFY(!composer.saveFile(path));
        QVERIFY(!QFile::exists(path));
        QVERIFY(composer.message()->isVisible());
        QVERIFY(composer.message()->text().contains(u"limits.tokens"_s));
        QCOMPARE(limits->tokensEdit()->text(), u"lots"_s);

        // The verdict reaches bounded once every element is there.
        TaskSpec task = samples::task();
        task.scope.repository = u"."_s;
        composer.setTask(task);
        QCOMPARE(meter->report().verdict, LintVerdict::Bounded);
        QCOMPARE(meter->verdictText(), u"Bounded"_s);
    }

    // Clicking a finding scrolls to the field it names and focuses it.
    void findingFocusesItsField_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("editor");
        QTest::addRow("wall time") << u"wall-time-missing"_s << u"limitWallTime"_s;
        QTest::addRow("objective") << u"objective-missing"_s << u"objective"_s;
        QTest::addRow("environment") << u"environment-missing"_s << u"environment"_s;
        QTest::addRow("review point") << u"review-point-missing"_s << u"checkpointPolicy"_s;
        QTest::addRow("acceptance criteria") << u"acceptance-criteria-missing"_s << u"acceptanceCriteria"_s;
        QTest::addRow("scope") << u"scope-missing"_s << u"scopeRepository"_s;
    }

    void findingFocusesItsField()
    {
        QFETCH(QString, rule);
        QFETCH(QString, editor);
        EngineHub hub;
        TaskComposer composer(&hub);
        composer.resize(1200, 700);
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        TaskSpec task;
        task.expectedArtifact.kind = ArtifactKind::Patch;
        composer.setTask(task);

        QListWidgetItem *item = findingFor(composer.meter(), rule);
        QVERIFY2(item, qPrintable(rule));
        QListWidget *list = composer.meter()->findingsList();
        list->scrollToItem(item);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());

        QWidget *target = composer.findChild<QWidget *>(editor);
        QVERIFY(target);
        QWidget *focused = QApplication::focusWidget();
        QVERIFY2(focused && (focused == target || target->isAncestorOf(focused)),
                 qPrintable(focused ? focused->objectName() : u"nothing"_s));
        // The field is on screen in the scrolled form.
        const QRect shown = composer.form()->viewport()->rect();
        const QPoint at = target->mapTo(composer.form()->viewport(), QPoint(0, 0));
        QVERIFY(shown.contains(at));
    }

    // The tree lists a real repository one folder at a time; ticking and
    // unticking boxes writes include and exclude paths, and paths written
    // by hand show in the tree.
    void scopeTreeWritesPaths()
    {
        QTemporaryDir directory;
        const QString repository = makeTreeRepository(directory.path());
        QVERIFY(!repository.isEmpty());

        // Folders are listed when opened, not before.
        {
            ScopeTreeModel lazy;
            lazy.setSource(repository, u"main"_s);
            QTRY_COMPARE(lazy.rowCount(), 3);
            const QModelIndex src = lazy.index(1, 0);
            QVERIFY(lazy.hasChildren(src));
            QCOMPARE(lazy.rowCount(src), 0);
            QVERIFY(lazy.canFetchMore(src));
            lazy.fetchMore(src);
            QVERIFY(lazy.isLoading());
            QTRY_COMPARE(childNames(lazy, src), (QStringList { u"vendor"_s, u"cart.py"_s }));
            QVERIFY(!lazy.isLoading());
        }

        ScopeEditor editor;
        ScopeTreeModel *model = editor.treeModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&editor, &ScopeEditor::changed);
        editor.setScope(TaskScope { repository, u"main"_s, { u"docs"_s }, {} });
        QCOMPARE(changed.count(), 0);
        QTRY_COMPARE(childNames(*model, {}), (QStringList { u"docs"_s, u"src"_s, u"README.md"_s }));
        QTRY_VERIFY(editor.baseRefBox()->findText(u"v1"_s) >= 0);
        QVERIFY(editor.baseRefBox()->findText(u"release"_s) >= 0);
        QCOMPARE(editor.baseRefBox()->currentText(), u"main"_s);

        // "docs" written without its slash is the docs folder, ticked.
        const QModelIndex docs = model->index(0, 0);
        QCOMPARE(docs.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        const QModelIndex src = model->index(1, 0);
        QTRY_COMPARE(childNames(*model, src), (QStringList { u"vendor"_s, u"cart.py"_s }));

        QVERIFY(model->setData(src, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(editor.scope().include, (QStringList { u"docs"_s, u"src/"_s }));
        const QModelIndex vendor = model->index(0, 0, src);
        QCOMPARE(vendor.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(model->setData(vendor, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(editor.scope().exclude, (QStringList { u"src/vendor/"_s }));
        QCOMPARE(src.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QCOMPARE(model->index(1, 0, src).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(editor.includeEditor()->items(), (QStringList { u"docs"_s, u"src/"_s }));
        QCOMPARE(editor.excludeEditor()->items(), (QStringList { u"src/vendor/"_s }));
        QCOMPARE(changed.count(), 2);

        // Unticking the folder takes its exclude with it.
        QVERIFY(model->setData(src, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(editor.scope().include, (QStringList { u"docs"_s }));
        QVERIFY(editor.scope().exclude.isEmpty());

        // A path typed into the list ticks its box.
        QTest::keyClicks(editor.includeEditor()->input(), u"README.md"_s);
        QTest::keyClick(editor.includeEditor()->input(), Qt::Key_Return);
        QCOMPARE(model->index(2, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(editor.scope().include, (QStringList { u"docs"_s, u"README.md"_s }));

        // Another ref lists that ref's tree; a ref that does not exist says so.
        editor.baseRefBox()->setCurrentText(u"no-such-ref"_s);
        editor.baseRefBox()->lineEdit()->editingFinished();
        auto *message = editor.findChild<InlineMessage *>();
        QTRY_VERIFY(!message->isHidden());
        QVERIFY(message->text().contains(u"no-such-ref"_s));
        QCOMPARE(editor.scope().include, (QStringList { u"docs"_s, u"README.md"_s }));
    }

    // A file that is not a valid task leaves the form as it was and says
    // what is wrong, line by line.
    void invalidFileKeepsTheForm()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(u"broken.yaml"_s);
        QVERIFY(writeFile(path, "title: t\nobjectve: Find out why.\nlimits:\n  wall_time: 30 minutes\n"));
        EngineHub hub;
        TaskComposer composer(&hub);
        TaskSpec task;
        task.objective = u"Keep this objective"_s;
        composer.setTask(task);
        QVERIFY(!composer.openFile(path));
        QCOMPARE(composer.task().objective, u"Keep this objective"_s);
        const QString text = composer.message()->text();
        QVERIFY(text.contains(u"objectve"_s));
        QVERIFY(text.contains(u"limits.wall_time"_s));
        QVERIFY(text.contains(u"broken.yaml:2"_s));
    }

    // Unsaved changes are asked about before they would be replaced.
    void unsavedChangesPrompt()
    {
        QTemporaryDir directory;
        EngineHub hub;
        TaskComposer composer(&hub);
        int asked = 0;
        TaskComposer::UnsavedChoice answer = TaskComposer::UnsavedChoice::Cancel;
        composer.setUnsavedPrompt([&](QWidget *, const QString &) {
            ++asked;
            return answer;
        });
        const QString path = directory.filePath(u"saved.yaml"_s);
        composer.setFileChooser([&](QWidget *, bool, const QString &) { return path; });

        composer.newTask();
        QCOMPARE(asked, 0); // nothing to lose
        QTest::keyClicks(composer.form()->objectiveEdit(), u"Write this down"_s);
        QVERIFY(composer.isModified());
        composer.newTask();
        QCOMPARE(asked, 1);
        QCOMPARE(composer.task().objective, u"Write this down"_s);

        answer = TaskComposer::UnsavedChoice::Save;
        composer.newTask();
        QCOMPARE(asked, 2);
        QVERIFY(QFile::exists(path));
        QCOMPARE(TaskYaml::load(path).value->objective, u"Write this down"_s);
        QVERIFY(composer.task().objective.isEmpty());

        QTest::keyClicks(composer.form()->objectiveEdit(), u"Throw this away"_s);
        answer = TaskComposer::UnsavedChoice::Discard;
        composer.open();
        QCOMPARE(asked, 3);
        QCOMPARE(composer.filePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(composer.task().objective, u"Write this down"_s);
        QVERIFY(!composer.isModified());
    }

    // Edits undo and redo as steps, in any field.
    void undoAndRedo()
    {
        EngineHub hub;
        TaskComposer composer(&hub);
        composer.show();
        auto *undo = composer.findChild<QAction *>(u"composerUndo"_s);
        auto *redo = composer.findChild<QAction *>(u"composerRedo"_s);
        QVERIFY(undo && redo);
        QVERIFY(!undo->isEnabled());

        QTest::keyClicks(composer.findChild<QLineEdit *>(u"title"_s), u"Fix the cart"_s);
        undo->trigger();
        QVERIFY(composer.task().title.isEmpty());
        redo->trigger();
        QCOMPARE(composer.task().title, u"Fix the cart"_s);

        composer.form()->contextEditor()->addItem(ContextItem::Kind::Text);
        QTest::keyClicks(composer.findChild<QPlainTextEdit *>(u"contextText"_s), u"Traceback: boom"_s);
        QTRY_COMPARE(composer.undoStack()->count(), 2);
        QCOMPARE(composer.task().context.size(), 1);
        undo->trigger();
        QVERIFY(composer.task().context.isEmpty());
        QCOMPARE(composer.task().title, u"Fix the cart"_s);
        redo->trigger();
        QCOMPARE(composer.task().context.value(0).value, u"Traceback: boom"_s);
    }
};

QTEST_MAIN(TestTaskComposer)
#include "tst_taskcomposer.moc"
