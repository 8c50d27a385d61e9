// SPDX-License-Identifier: GPL-3.0-or-later
// The task composer against a real engine: a composed task reaches the
// engine through runs.submit (button and Ctrl+Enter), a past run's task
// comes back into the form to adjust and send again, and the window's
// Compose section holds the composer. With DELEGATE_SCREENSHOT_DIR set it
// saves a picture of the composer there (docs/screenshots/composer.png).
#include "guiengine.h"

#include "compose/boundednessmeter.h"
#include "compose/scopeeditor.h"
#include "compose/scopetreemodel.h"
#include "compose/submitpanel.h"
#include "compose/taskcomposer.h"
#include "compose/taskform.h"
#include "environments/alignmentpanel.h"
#include "mainwindow.h"
#include "review/inlinemessage.h"
#include "views/runsboard.h"

#include "domain/environmentyaml.h"
#include "skills/skilllibrary.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

namespace {

void saveScreenshot(QWidget &window, const QString &name)
{
    const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    // Pending layouts and repaints, before grabbing; a nested layout asks
    // its parent again once it has settled.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    window.grab().save(directory + u'/' + name + u".png"_s);
}

// The python environment the harness's task needs, as a file a person keeps.
QString writePythonEnvironment(const QString &folder)
{
    EnvironmentProfile profile;
    profile.name = u"python"_s;
    profile.description = u"A writable checkout with python3."_s;
    profile.capabilities.repository = Capabilities::RepositoryAccess::Write;
    profile.capabilities.tools = { u"python3"_s };
    const QString path = folder + u"/python.yaml"_s;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(EnvironmentYaml::save(profile)) < 0)
        return {};
    return path;
}

// What a lead would write for the harness's repository.
TaskSpec fixTheSum(const QString &repository)
{
    TaskSpec task;
    task.title = u"Fix add() so the sum tests pass"_s;
    task.objective = u"Make the failing test in tests/test_sum.py pass by fixing add() in sum.py, without "
                     "changing the test, and hand back the patch."_s;
    task.scope = { repository, u"main"_s, { u"sum.py"_s, u"tests/"_s }, {} };
    task.context = { { ContextItem::Kind::File, u"AGENTS.md"_s, u"How to work here"_s },
                     { ContextItem::Kind::Text,
                       u"FAIL: test_adds (tests.test_sum.TestSum)\nAssertionError: -1 != 5\n"_s,
                       u"The failing test"_s } };
    task.constraints = { u"Do not change the tests."_s, u"Keep the change to sum.py."_s };
    task.expectedArtifact = { ArtifactKind::Patch, u"A minimal fix of add() in sum.py."_s };
    task.acceptanceCriteria = { u"python3 -m unittest passes."_s, u"The diff touches only sum.py."_s };
    task.verifyCommands = { u"python3 -m unittest -q"_s };
    task.checkpointPolicy = CheckpointPolicy::ReviewBeforeAction;
    task.limits.wallTime = std::chrono::minutes(15);
    task.limits.steps = 20;
    task.limits.costUsd = 0.5;
    task.environment = u"python"_s;
    return task;
}

} // namespace

class TestComposerSubmit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void submitsAndDuplicates()
    {
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Should I fix sum.py or the test?"_s),
                                       askTurn(u"Should I fix sum.py or the test?"_s) });
        QVERIFY(gui.start());
        QTemporaryDir folder;
        const QString environmentFile = writePythonEnvironment(folder.path());
        QVERIFY(!environmentFile.isEmpty());

        TaskComposer composer(gui.hub.get());
        composer.resize(1200, 800);
        composer.show();
        QVERIFY(QTest::qWaitForWindowActive(&composer));
        SubmitPanel *panel = composer.submitPanel();
        QCOMPARE(panel->engineName(), u"local"_s);
        QSignalSpy submitted(&composer, &TaskComposer::submitted);

        // Without an environment nothing is sent, and the panel says why.
        TaskSpec task = fixTheSum(gui.harness.repository);
        task.environment.clear();
        composer.setTask(task);
        panel->submitButton()->click();
        QVERIFY(!panel->message()->isHidden());
        QVERIFY(panel->message()->text().contains(u"environment"_s));
        QCOMPARE(submitted.count(), 0);

        // The library offers its profiles; with one chosen, the task reaches
        // the engine, naming that environment.
        panel->setLibrary(EnvironmentLibrary(folder.path(), {}));
        QVERIFY(panel->environmentBox()->findData(u"python"_s) >= 0);
        QVERIFY(!panel->chooseFromLibrary(u"no-such-environment"_s));
        QVERIFY(!panel->environment());
        QVERIFY(panel->chooseFromLibrary(u"python"_s));
        QCOMPARE(panel->environmentBox()->currentData().toString(), u"python"_s);
        // The alignment check judges the chosen environment against the task.
        AlignmentPanel *alignment = composer.alignmentPanel();
        QVERIFY(alignment->isVisibleTo(&composer));
        QVERIFY(alignment->hasTask());
        QCOMPARE(alignment->environment().name, u"python"_s);
        panel->submitButton()->click();
        QVERIFY(submitted.wait(20000));
        const QStringList ids = submitted.constFirst().at(1).toStringList();
        QCOMPARE(ids.size(), 1);
        QCOMPARE(submitted.constFirst().at(0).toString(), u"local"_s);
        QCOMPARE(panel->message()->kind(), InlineMessage::Kind::Success);
        const RunRecord *record = gui.engine->state().run(ids.constFirst());
        QVERIFY(record);
        TaskSpec expected = task;
        expected.environment = u"python"_s;
        QCOMPARE(record->run.task.toJson(), expected.toJson());
        QCOMPARE(composer.task().environment, u"python"_s);

        // Ctrl+Enter sends from anywhere in the form.
        QPlainTextEdit *objective = composer.form()->objectiveEdit();
        objective->setFocus();
        QTest::keyClick(objective, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(submitted.wait(20000));
        QCOMPARE(submitted.count(), 2);

        // A task the engine refuses keeps everything the lead wrote.
        composer.form()->scopeEditor()->repositoryEdit()->setText(folder.filePath(u"not-here"_s));
        composer.submit();
        QTRY_COMPARE_WITH_TIMEOUT(panel->message()->kind(), InlineMessage::Kind::Error, 20000);
        QVERIFY(panel->message()->text().contains(u"did not take the task"_s));
        QCOMPARE(composer.task().scope.repository, folder.filePath(u"not-here"_s));
        QCOMPARE(submitted.count(), 2);

        // A task that names a skill goes with the skill from the library;
        // a skill the library lacks is refused before anything is sent.
        composer.form()->scopeEditor()->repositoryEdit()->setText(gui.harness.repository);
        TaskSpec skilled = composer.task();
        skilled.skill.name = u"no-such-skill"_s;
        composer.setTask(skilled);
        composer.submit();
        QVERIFY(panel->message()->text().contains(u"no-such-skill"_s));
        QCOMPARE(submitted.count(), 2);
        const QList<SkillEntry> skills = SkillLibrary().list();
        QVERIFY(!skills.isEmpty());
        skilled.skill.name = skills.constFirst().name;
        composer.setTask(skilled);
        composer.submit();
        QVERIFY(submitted.wait(20000));
        const QString skilledRun = submitted.constLast().at(1).toStringList().value(0);
        QTRY_VERIFY_WITH_TIMEOUT(gui.engine->state().run(skilledRun), 20000);
        QCOMPARE(gui.engine->state().run(skilledRun)->run.task.skill.name, skills.constFirst().name);

        // Duplicating the first run brings its task and environment back.
        TaskComposer duplicate(gui.hub.get());
        duplicate.setUnsavedPrompt(
            [](QWidget *, const QString &) { return TaskComposer::UnsavedChoice::Discard; });
        QSignalSpy loaded(&duplicate, &TaskComposer::runTaskLoaded);
        duplicate.composeFromRun(u"local"_s, ids.constFirst());
        QVERIFY(loaded.wait(20000));
        QCOMPARE(duplicate.task().toJson(), expected.toJson());
        QVERIFY(duplicate.submitPanel()->environment());
        QCOMPARE(duplicate.submitPanel()->environment()->name, u"python"_s);
        QVERIFY(duplicate.filePath().isEmpty());
        QVERIFY(duplicate.isModified());
        QCOMPARE(duplicate.meter()->report().verdict, LintVerdict::Bounded);

        // An unknown run says so where the task would have appeared.
        duplicate.composeFromRun(u"local"_s, u"run-000000000000"_s);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(duplicate.message()->kind(), InlineMessage::Kind::Error);
        QCOMPARE(duplicate.task().toJson(), expected.toJson());
    }

    // The window's Compose section is the composer; the runs board's
    // "Duplicate task" opens a run's task there.
    void theWindowComposes()
    {
        GuiEngine gui;
        gui.harness.server.setScript({ askTurn(u"Should I fix sum.py or the test?"_s) });
        QVERIFY(gui.start());
        const QString runId = gui.submit(gui.harness.fixTheTest()).value(0);
        QVERIFY(!runId.isEmpty());
        QTemporaryDir folder;
        const QString environmentFile = writePythonEnvironment(folder.path());

        MainWindow window(gui.hub.get());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TaskComposer *composer = window.composer();
        QVERIFY(composer);

        window.duplicateRunTask(u"local"_s, runId);
        QCOMPARE(window.currentSection(), Sidebar::Compose);
        QTRY_COMPARE_WITH_TIMEOUT(composer->task().objective, gui.harness.fixTheTest().task.objective, 20000);
        QCOMPARE(composer->submitPanel()->environment()->name, u"python"_s);

        // A realistic task, its tree open, for the picture. The environment
        // it names is picked from the library.
        composer->setUnsavedPrompt(
            [](QWidget *, const QString &) { return TaskComposer::UnsavedChoice::Discard; });
        QVERIFY(composer->submitPanel()->loadEnvironmentFile(environmentFile));
        QVERIFY(composer->submitPanel()->environmentBox()->currentText().contains(u"from python.yaml"_s));
        composer->submitPanel()->setLibrary(EnvironmentLibrary(folder.path(), {}));
        EnvironmentProfile reader;
        reader.name = u"reader"_s;
        reader.description = u"A read-only checkout."_s;
        QVERIFY(composer->submitPanel()->library().save(reader));
        TaskSpec readerTask = fixTheSum(gui.harness.repository);
        readerTask.environment = u"reader"_s;
        composer->setTask(readerTask);
        QCOMPARE(composer->submitPanel()->environment()->name, u"reader"_s);
        composer->setTask(fixTheSum(gui.harness.repository));
        QCOMPARE(composer->submitPanel()->environment()->name, u"python"_s);
        QCOMPARE(composer->submitPanel()->environmentBox()->currentData().toString(), u"python"_s);
        ScopeEditor *scope = composer->form()->scopeEditor();
        QTRY_VERIFY(scope->treeModel()->rowCount() > 0);
        const QModelIndex tests = scope->treeModel()->indexForPath(u"tests"_s);
        QVERIFY(tests.isValid());
        scope->treeView()->expand(tests);
        QTRY_VERIFY(scope->treeModel()->rowCount(tests) > 0);
        QCOMPARE(composer->meter()->report().verdict, LintVerdict::Bounded);
        saveScreenshot(window, u"composer"_s);

        // A finding, for the picture of the meter at work.
        TaskSpec partial = fixTheSum(gui.harness.repository);
        partial.limits = {};
        partial.acceptanceCriteria.clear();
        composer->setTask(partial);
        QCOMPARE(composer->meter()->report().verdict, LintVerdict::PartiallyBounded);
        composer->form()->focusField(u"limits.wall_time"_s);
        saveScreenshot(window, u"composer-findings"_s);
    }
};

QTEST_MAIN(TestComposerSubmit)
#include "tst_composersubmit.moc"
