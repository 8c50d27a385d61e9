// SPDX-License-Identifier: GPL-3.0-or-later
// The skills library and batch delegation over a real engine: an invalid
// skill folder is refused on the page with an error that says what to
// change, a parameters form is checked before it makes a task, and a batch
// of 20 targets becomes 20 runs sharing one batch id, checked through the
// engine. With DELEGATE_SCREENSHOT_DIR set it saves pictures of the library
// and of the batch preview and progress.
#include "guiengine.h"

#include "batch/batchdialog.h"
#include "batch/batchplanmodel.h"
#include "batch/batchview.h"
#include "library/environmentlibrary.h"
#include "mainwindow.h"
#include "models/runlistmodel.h"
#include "review/inlinemessage.h"
#include "skills/saveasskilldialog.h"
#include "skills/skillparametersform.h"
#include "skills/skillspage.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

namespace {

const QString builtInDirectory = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/skills");

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    QCoreApplication::processEvents(); // pending layouts and repaints, before grabbing
    widget.grab().save(directory + u'/' + name + u".png"_s);
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

int countedRuns(const BatchView &view)
{
    int total = 0;
    const QHash<QString, int> counts = view.stateCounts();
    for (int count : counts)
        total += count;
    return total;
}

} // namespace

class TestSkillsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void init()
    {
        m_temp.emplace();
        QVERIFY(m_temp->isValid());
    }

    void refusesAnInvalidFolderOnThePage()
    {
        SkillsPage page(SkillLibrary({ builtInDirectory }, m_temp->filePath(u"user"_s)));
        QAbstractItemModelTester tester(page.findChild<QListView *>(u"skillList"_s)->model());
        page.show();
        const int before = page.findChild<QListView *>(u"skillList"_s)->model()->rowCount();
        QCOMPARE(before, 10);

        const QString invalid = m_temp->filePath(u"incoming/release-notes"_s);
        QVERIFY(
            writeFile(invalid + u"/SKILL.md"_s,
                      "---\nname: Release Notes\ndescription: Writes release notes.\n---\nRead the log.\n"));
        QVERIFY(!page.importFolder(invalid));
        QVERIFY(page.message()->isVisible());
        QCOMPARE(page.message()->kind(), InlineMessage::Kind::Error);
        const QString text = page.message()->text();
        QVERIFY2(text.contains(u"SKILL.md"_s)
                     && text.contains(u"name: 'Release Notes' is not a valid skill name"_s)
                     && text.contains(u"use lower-case letters, digits and single hyphens"_s),
                 qPrintable(text));
        QCOMPARE(page.findChild<QListView *>(u"skillList"_s)->model()->rowCount(), before);
        QVERIFY(!QFileInfo::exists(m_temp->filePath(u"user/release-notes"_s)));

        // Fixed as the message says, it is imported and chosen.
        QVERIFY(
            writeFile(invalid + u"/SKILL.md"_s,
                      "---\nname: release-notes\ndescription: Writes release notes.\n---\nRead the log.\n"));
        QVERIFY(page.importFolder(invalid));
        QCOMPARE(page.message()->kind(), InlineMessage::Kind::Success);
        QCOMPARE(page.findChild<QListView *>(u"skillList"_s)->model()->rowCount(), before + 1);
        QCOMPARE(page.currentSkill()->name, u"release-notes"_s);
        // Searching narrows the list.
        page.findChild<QLineEdit *>(u"skillSearch"_s)->setText(u"flip between passing"_s);
        QCOMPARE(page.findChild<QListView *>(u"skillList"_s)->model()->rowCount(), 1);
    }

    void theFormIsCheckedBeforeItMakesATask()
    {
        SkillsPage page(SkillLibrary({ builtInDirectory }, m_temp->filePath(u"user"_s)));
        QVERIFY(page.selectSkill(u"diagnose-issue"_s));
        QSignalSpy composed(&page, &SkillsPage::useInComposerRequested);
        auto *useButton = page.findChild<QPushButton *>(u"useInComposer"_s);
        useButton->click();
        QCOMPARE(composed.count(), 0);
        QVERIFY2(page.message()->text().contains(u"Fill in repository, issue"_s),
                 qPrintable(page.message()->text()));
        page.parametersForm()->setValue(u"repository"_s, u"/srv/git/storefront"_s);
        page.parametersForm()->setValue(u"issue"_s, u"Checkout returns 504 for large carts"_s);
        useButton->click();
        QCOMPARE(composed.count(), 1);
        const auto task = composed.constFirst().at(0).value<TaskSpec>();
        QCOMPARE(task.title, u"Diagnose: Checkout returns 504 for large carts"_s);
        QCOMPARE(task.scope.repository, u"/srv/git/storefront"_s);
        QCOMPARE(task.scope.baseRef, u"main"_s);
        QCOMPARE(task.skill.name, u"diagnose-issue"_s);
    }

    void savesAComposedTaskAsASkill()
    {
        SkillLibrary library({ builtInDirectory }, m_temp->filePath(u"user"_s));
        TaskSpec task;
        task.objective = u"Find out why {{service}} is slow and report the cause with evidence."_s;
        task.scope.repository = u"/srv/git/shop"_s;
        task.environment = u"reader"_s;
        SaveAsSkillDialog dialog(task, library);
        QCOMPARE(dialog.skill().parameters.size(), 1); // {{service}} is offered as a parameter
        dialog.setName(u"Slow Service"_s);
        dialog.setDescription(u"Finds why a service is slow."_s);
        QVERIFY(!dialog.save());
        QVERIFY2(dialog.message()->text().contains(u"not a valid skill name"_s),
                 qPrintable(dialog.message()->text()));
        dialog.setName(u"slow-service"_s);
        QSignalSpy saved(&dialog, &SaveAsSkillDialog::skillSaved);
        QVERIFY(dialog.save());
        QCOMPARE(saved.count(), 1);
        const LoadResult<Skill> loaded = library.load(u"slow-service"_s);
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value->task->environment.isEmpty());
        QCOMPARE(loaded.value->parameters.constFirst().name, u"service"_s);
    }

    void aBatchOfTwentyTargetsSubmitsTwentyRuns()
    {
        GuiEngine gui;
        gui.harness.maxConcurrentRuns = 1;
        QVERIFY(gui.start());
        RunListModel runs(gui.hub.get());
        // The runs' environment comes from the user's environment library.
        EnvironmentLibrary environments(m_temp->filePath(u"environments"_s), {});
        EnvironmentProfile profile;
        profile.name = u"python-tests"_s;
        profile.capabilities.repository = Capabilities::RepositoryAccess::Write;
        profile.capabilities.tools = { u"python3"_s };
        QString saveError;
        QVERIFY2(environments.save(profile, &saveError), qPrintable(saveError));

        BatchDialog dialog(gui.hub.get(), &runs,
                           SkillLibrary({ builtInDirectory }, m_temp->filePath(u"user"_s)), environments);
        QAbstractItemModelTester tester(dialog.planModel());
        QVERIFY(dialog.setSkill(u"investigate-flaky-tests"_s));
        dialog.setSharedValues({ { u"repository"_s, gui.harness.repository }, { u"runs"_s, u"1"_s } });
        QVERIFY(dialog.setEnvironment(u"python-tests"_s));
        dialog.setBudget(5);
        QStringList targets { u"# one test command a line"_s };
        for (int i = 1; i <= 20; ++i)
            targets.append(u"python3 -m unittest -v -k test_%1"_s.arg(i));
        dialog.setTargets(targets.join(u'\n'), false);
        QCOMPARE(dialog.planModel()->rowCount(), 20);
        for (int row = 0; row < 20; ++row)
            QCOMPARE(dialog.planModel()->index(row, 0).data(BatchPlanModel::VerdictRole).toString(),
                     u"bounded"_s);
        QCOMPARE(dialog.planModel()->index(19, BatchPlanModel::LineColumn).data().toInt(), 21);
        QVERIFY(dialog.submitButton()->isEnabled());
        QCOMPARE(dialog.submitButton()->text(), u"&Submit 20 run(s)"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveScreenshot(dialog, u"batch-preview"_s);

        QSignalSpy submitted(&dialog, &BatchDialog::batchSubmitted);
        dialog.submitButton()->click();
        QVERIFY(submitted.wait(60000));
        const QString batchId = submitted.constFirst().at(1).toString();
        const QStringList runIds = submitted.constFirst().at(2).toStringList();
        QCOMPARE(runIds.size(), 20);
        QVERIFY(batchId.startsWith(u"batch-"_s));
        QVERIFY(dialog.isShowingProgress());

        // The engine holds 20 runs in that batch, each with its own task.
        const QJsonObject params { { u"batch_id"_s, batchId } };
        const QString method = u"runs.list"_s;
        const rpc::RpcOutcome listed = QCoro::waitFor(gui.session()->call(method, params));
        QVERIFY(!listed.error);
        const QJsonArray inBatch = listed.result.toObject().value("runs"_L1).toArray();
        QCOMPARE(inBatch.size(), 20);
        QSet<QString> titles;
        for (const QJsonValue &run : inBatch) {
            QCOMPARE(run.toObject().value("batch_id"_L1).toString(), batchId);
            QVERIFY(runIds.contains(run.toObject().value("id"_L1).toString()));
            titles.insert(run.toObject().value("title"_L1).toString());
        }
        QCOMPARE(titles.size(), 20);

        // The progress view follows them: every run is counted in some state.
        BatchView *view = dialog.batchView();
        QTRY_COMPARE_WITH_TIMEOUT(runs.runCount(), qsizetype(20), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(countedRuns(*view), 20, 20000);
        QTRY_VERIFY(view->table()->item(0, 1) && !view->table()->item(0, 1)->text().isEmpty());
        QSignalSpy opened(&dialog, &BatchDialog::openRun);
        Q_EMIT view->table()->cellDoubleClicked(3, 0);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.constFirst().at(1).toString(), runIds.at(3));
        saveScreenshot(dialog, u"batch-progress"_s);
    }

    void theLibraryInTheWindow()
    {
        GuiEngine gui;
        QVERIFY(gui.start());
        MainWindow window(gui.hub.get());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showSection(Sidebar::Skills);
        SkillsPage *page = window.skillsPage();
        QVERIFY(page->isVisible());
        QVERIFY(page->selectSkill(u"diagnose-issue"_s));
        page->parametersForm()->setValue(u"repository"_s, u"https://git.example.com/shop/storefront.git"_s);
        saveScreenshot(window, u"skills-library"_s);

        // Run as batch… opens the batch dialog with the skill and the values typed.
        page->findChild<QPushButton *>(u"runAsBatch"_s)->click();
        auto *dialog = window.findChild<BatchDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->close();
    }

private:
    std::optional<QTemporaryDir> m_temp;
};

QTEST_MAIN(TestSkillsPage)
#include "tst_skillspage.moc"
