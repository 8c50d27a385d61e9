// SPDX-License-Identifier: GPL-3.0-or-later
// The Environments page: the library as a list, the editor (YAML → editor →
// YAML unchanged, validation next to the field, chips), the alignment
// panel's one-click fixes, new/duplicate/delete, and secret values set from
// a chip without ever reaching a file in the clear. With
// DELEGATE_SCREENSHOT_DIR set it renders the page.
#include "domain/environmentyaml.h"
#include "domain/taskyaml.h"
#include "environments/alignmentpanel.h"
#include "environments/capabilitychip.h"
#include "environments/environmenteditor.h"
#include "environments/environmentlistmodel.h"
#include "environments/environmentspage.h"
#include "environments/secretvaluepanel.h"
#include "library/environmentlibrary.h"
#include "review/inlinemessage.h"
#include "secrets/secretstore.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace delegate;
using namespace delegate::ui;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(delegate::EnvironmentProfile)

namespace {

const QString examples = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/");

EnvironmentProfile profileFrom(const QByteArray &yaml)
{
    const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::parse(yaml, u"test.yaml"_s);
    for (const SourceError &error : loaded.errors)
        qWarning("%s", qPrintable(error.toString()));
    return loaded.value.value_or(EnvironmentProfile {});
}

QString writeTask(const QTemporaryDir &dir, const QByteArray &yaml)
{
    const QString path = dir.filePath(u"task.yaml"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(yaml);
    return path;
}

QStringList chipTexts(const EnvironmentEditor &editor)
{
    QStringList texts;
    for (const CapabilityChip *chip : editor.chips())
        texts.append(chip->text());
    return texts;
}

QList<QPushButton *> fixButtons(const AlignmentPanel &panel)
{
    QList<QPushButton *> buttons = panel.findChildren<QPushButton *>(u"fix"_s);
    buttons.removeIf([&panel](const QPushButton *button) { return !button->isVisibleTo(&panel); });
    return buttons;
}

QStringList filesContaining(const QString &root, const QString &value)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(value.toUtf8()))
            found.append(path);
    }
    return found;
}

struct Answers
{
    QList<ConfirmationRequest> asked;
    bool answer = true;

    Confirmer confirmer()
    {
        return [this](QWidget *, const ConfirmationRequest &request) {
            asked.append(request);
            return answer;
        };
    }
};

} // namespace

class TestEnvironmentsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QDir(EnvironmentLibrary::defaultUserDirectory()).removeRecursively();
        QFile::remove(EncryptedSecretFile::defaultPath());
    }

    void listModelShowsTheLibrary()
    {
        QTemporaryDir user;
        EnvironmentListModel model(
            EnvironmentLibrary(user.path(), EnvironmentLibrary::defaultExampleDirectories()));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.rowCount() >= 3);
        const QModelIndex reader = model.index(model.rowOf(u"repository-reader"_s));
        QVERIFY(reader.data(EnvironmentListModel::IsExampleRole).toBool());
        QVERIFY(reader.data().toString().contains(u"example"));
        EnvironmentProfile mine;
        mine.name = u"aaa-mine"_s;
        QVERIFY(model.library().save(mine));
        model.reload();
        QCOMPARE(model.index(0).data(EnvironmentListModel::NameRole).toString(), u"aaa-mine"_s);
        QVERIFY(!model.index(0).data(EnvironmentListModel::IsExampleRole).toBool());
    }

    void editorRoundTrip_data()
    {
        QTest::addColumn<EnvironmentProfile>("profile");
        const QDir dir(examples + u"environments"_s);
        for (const QString &file : dir.entryList({ u"*.yaml"_s }, QDir::Files))
            QTest::addRow("%s", qPrintable(file)) << *EnvironmentYaml::load(dir.filePath(file)).value;
        QTest::addRow("everything") << profileFrom(
            "name: everything\ndescription: all fields\nsandbox: ssh:build-02\n"
            "capabilities:\n  repository: write\n  network: {mode: allowlist, hosts: ['*.example.com', "
            "a.io]}\n"
            "  tools: [git, rg]\n  mounts: [{host: /srv/a, sandbox: /mnt/a}, {host: /srv/b, sandbox: "
            "/mnt/b}]\n"
            "  secrets: [A_TOKEN, B_KEY]\n"
            "limits: {wall_time: 1h30m, cpu_time: 90s, memory_mb: 512, processes: 64, file_size_mb: 8, "
            "output_kb: 16}\n");
        QTest::addRow("nothing") << profileFrom("name: nothing\n");
        QTest::addRow("full network") << profileFrom("name: open\ncapabilities: {network: full}\n");
    }

    void editorRoundTrip()
    {
        QFETCH(EnvironmentProfile, profile);
        EnvironmentEditor editor;
        editor.setProfile(profile);
        QCOMPARE(editor.profile(), profile);
        QCOMPARE(EnvironmentYaml::save(editor.profile()), EnvironmentYaml::save(profile));
        QVERIFY2(editor.problems().isEmpty(),
                 qPrintable(QStringList(editor.problems().values()).join(u"; ")));
    }

    void problemsShowNextToTheirField()
    {
        EnvironmentEditor editor;
        editor.setProfile(profileFrom("name: fine\n"));
        QVERIFY(editor.validate());
        auto *name = editor.findChild<QLineEdit *>(u"name"_s);
        name->setText(u"two words"_s);
        Q_EMIT name->textEdited(name->text());
        QVERIFY2(editor.problemShownFor(u"name"_s).contains(u"cannot name an environment"),
                 qPrintable(editor.problemShownFor(u"name"_s)));
        name->setText(u"fine"_s);
        auto *wall = editor.findChild<QLineEdit *>(u"limits.wall_time"_s);
        wall->setText(u"ten minutes"_s);
        Q_EMIT wall->textEdited(wall->text());
        QVERIFY(editor.problemShownFor(u"name"_s).isEmpty());
        QVERIFY2(editor.problemShownFor(u"limits.wall_time"_s).contains(u"45m"),
                 qPrintable(editor.problemShownFor(u"limits.wall_time"_s)));
        wall->setText(u"45m"_s);
        editor.findChild<QComboBox *>(u"sandbox"_s)->setCurrentIndex(1);
        QVERIFY(editor.problemShownFor(u"sandbox"_s).contains(u"SSH host"));
        QVERIFY(!editor.validate());
        editor.findChild<QLineEdit *>(u"host"_s)->setText(u"build-01"_s);
        QVERIFY(editor.validate());
        QCOMPARE(editor.profile().sandbox.toString(), u"ssh:build-01"_s);
        QCOMPARE(editor.profile().limits.wallTime, std::chrono::seconds(45 * 60));
    }

    void grantsAreAddedFromTheCatalogueAndRemovedFromTheirChip()
    {
        EnvironmentEditor editor;
        editor.setProfile(profileFrom("name: chips\n"));
        QSignalSpy edits(&editor, &EnvironmentEditor::edited);
        auto *add = editor.findChild<QToolButton *>(u"addGrant"_s);
        const QList<QAction *> offered = add->menu()->actions();
        QCOMPARE(offered.size(), EnvironmentEditor::addableGrants().size());
        offered.at(EnvironmentEditor::addableGrants().indexOf(Capability::Tool))->trigger();
        auto *input = editor.findChild<QLineEdit *>(u"addInput"_s);
        QVERIFY(input->isVisibleTo(&editor));
        input->setText(u"rg"_s);
        QTest::mouseClick(editor.findChild<QPushButton *>(u"addConfirm"_s), Qt::LeftButton);
        QCOMPARE(editor.profile().capabilities.tools, QStringList { u"rg"_s });
        QVERIFY(!input->isVisibleTo(&editor));

        // A host switches the network to an allowlist.
        QVERIFY(editor.addGrant(Capability::NetworkAllowlist, u"api.github.com"_s));
        QCOMPARE(editor.profile().capabilities.network.mode, NetworkAccess::Mode::Allowlist);
        QVERIFY(editor.addGrant(Capability::Mount, u"/srv/runbooks"_s, u"/mnt/runbooks"_s));
        QVERIFY(editor.addGrant(Capability::Secret, u"GITHUB_TOKEN"_s));
        QVERIFY(!editor.addGrant(Capability::Secret, u"not a name"_s));
        QVERIFY(!editor.addGrant(Capability::Tool, u"/usr/bin/rg"_s));
        QVERIFY(!editor.addGrant(Capability::Mount, u"relative"_s, u"/mnt/x"_s));
        QCOMPARE(chipTexts(editor),
                 (QStringList { u"host: api.github.com"_s, u"tool: rg"_s,
                                u"mount: /srv/runbooks → /mnt/runbooks"_s, u"secret: GITHUB_TOKEN"_s }));
        QCOMPARE(edits.size(), 4);
        QCOMPARE(edits.last().first().value<EnvironmentProfile>(), editor.profile());

        // The chip's ✕ removes exactly that grant.
        CapabilityChip *tool = editor.chips().at(1);
        QTest::mouseClick(tool->findChild<QToolButton *>(u"remove"_s), Qt::LeftButton);
        QVERIFY(editor.profile().capabilities.tools.isEmpty());
        QCOMPARE(editor.profile().capabilities.mounts.size(), 1);
        QVERIFY(editor.removeGrant(Capability::Mount, u"/srv/runbooks → /mnt/runbooks"_s));
        QVERIFY(editor.profile().capabilities.mounts.isEmpty());
    }

    void aMissingGrantFixedMakesItAligned()
    {
        QTemporaryDir dir;
        const TaskSpec task =
            *TaskYaml::parse("title: Check the build\nobjective: Find out why make check fails.\n"
                             "scope: {repository: ., base_ref: main}\n"
                             "expected_artifact: {kind: report}\nverify: [make check]\n",
                             u"task.yaml"_s)
                 .value;
        AlignmentPanel panel;
        QSignalSpy changed(&panel, &AlignmentPanel::environmentChanged);
        panel.setEnvironment(profileFrom("name: builder\ncapabilities: {repository: read}\n"));
        QVERIFY(panel.report().findings.isEmpty()); // no task yet
        panel.setTask(task);
        QCOMPARE(panel.report().verdict, AlignmentVerdict::Missing);
        QCOMPARE(fixButtons(panel).size(), 1);
        QVERIFY(fixButtons(panel).first()->text().contains(u"tools: [make]"));
        QTest::mouseClick(fixButtons(panel).first(), Qt::LeftButton);
        QCOMPARE(changed.size(), 1);
        const auto fixed = changed.first().first().value<EnvironmentProfile>();
        QCOMPARE(fixed.capabilities.tools, QStringList { u"make"_s });
        QCOMPARE(panel.report().verdict, AlignmentVerdict::Aligned);
        QTRY_COMPARE(fixButtons(panel).size(), 0);
    }

    void anExcessGrantIsRemoved()
    {
        const TaskSpec task = *TaskYaml::parse("title: Explain\nobjective: Explain why the build fails.\n"
                                               "scope: {repository: ., base_ref: main}\n"
                                               "expected_artifact: {kind: report}\n",
                                               u"task.yaml"_s)
                                   .value;
        AlignmentPanel panel;
        QSignalSpy changed(&panel, &AlignmentPanel::environmentChanged);
        panel.setTask(task);
        panel.setEnvironment(profileFrom(
            "name: wide\ncapabilities: {repository: write, network: full, secrets: [DEPLOY_KEY]}\n"));
        QCOMPARE(panel.report().verdict, AlignmentVerdict::Excess);
        QCOMPARE(panel.report().findings.size(), 3);
        for (int fixes = 0; fixes < 5 && !panel.report().findings.isEmpty(); ++fixes)
            QVERIFY(panel.applyFix(0));
        QCOMPARE(changed.size(), 3);
        const EnvironmentProfile least = panel.environment();
        QCOMPARE(least.capabilities.repository, Capabilities::RepositoryAccess::Read);
        QCOMPARE(least.capabilities.network.mode, NetworkAccess::Mode::None);
        QVERIFY(least.capabilities.secrets.isEmpty());
        QCOMPARE(panel.report().verdict, AlignmentVerdict::Aligned);
    }

    void thePageAppliesFixesToTheEditorAndSavesThem()
    {
        QTemporaryDir dir;
        EnvironmentsPage page(EnvironmentLibrary(), nullptr);
        Answers answers;
        page.setConfirmer(answers.confirmer());
        QVERIFY(page.newEnvironment());
        auto *name = page.editor()->findChild<QLineEdit *>(u"name"_s);
        name->setText(u"fixme"_s);
        Q_EMIT name->textEdited(name->text());
        QVERIFY(page.editor()->addGrant(Capability::Tool, u"jq"_s));
        QVERIFY(page.save());
        QVERIFY(!page.isModified());

        QVERIFY(page.setTaskFile(writeTask(dir,
                                           "title: Check\nobjective: Run the checks with make.\n"
                                           "scope: {repository: ., base_ref: main}\n"
                                           "expected_artifact: {kind: report}\nverify: [make check]\n")));
        QCOMPARE(page.alignment()->report().verdict, AlignmentVerdict::Missing);
        // Fix every finding by its button, as a person would.
        for (int clicks = 0; clicks < 5 && !fixButtons(*page.alignment()).isEmpty(); ++clicks)
            QTest::mouseClick(fixButtons(*page.alignment()).first(), Qt::LeftButton);
        QCOMPARE(page.alignment()->report().verdict, AlignmentVerdict::Aligned);
        QCOMPARE(page.editor()->profile().capabilities.tools, QStringList { u"make"_s });
        QCOMPARE(page.editor()->profile().capabilities.repository, Capabilities::RepositoryAccess::Read);
        QVERIFY(page.isModified());
        QVERIFY(page.save());
        const LoadResult<EnvironmentProfile> saved = EnvironmentLibrary().load(u"fixme"_s);
        QCOMPARE(saved.value->capabilities.tools, QStringList { u"make"_s });

        QVERIFY(!page.setTaskFile(writeTask(dir, "title: [broken\n")));
        QVERIFY(!page.alignment()->hasTask());
    }

    void newDuplicateAndDelete()
    {
        EnvironmentsPage page(EnvironmentLibrary(), nullptr);
        Answers answers;
        page.setConfirmer(answers.confirmer());

        // Examples are read-only: no delete, no save, but they can be duplicated.
        QVERIFY(page.selectEnvironment(u"repository-reader"_s));
        QVERIFY(!page.deleteEnvironment());
        QVERIFY(!page.save());
        QVERIFY(page.duplicateEnvironment());
        QCOMPARE(page.editor()->profile().name, u"repository-reader-copy"_s);
        QVERIFY(page.save());
        QVERIFY(EnvironmentLibrary().contains(u"repository-reader-copy"_s));
        QCOMPARE(EnvironmentLibrary().load(u"repository-reader-copy"_s).value->capabilities.tools,
                 EnvironmentLibrary().load(u"repository-reader"_s).value->capabilities.tools);

        // Unsaved edits are not dropped without asking.
        QVERIFY(page.editor()->addGrant(Capability::Tool, u"jq"_s));
        answers.answer = false;
        QVERIFY(!page.selectEnvironment(u"checkout-investigation"_s));
        QCOMPARE(answers.asked.size(), 1);
        QVERIFY(page.editor()->profile().capabilities.tools.contains(u"jq"_s));
        QCOMPARE(page.currentName(), u"repository-reader-copy"_s);
        page.revert();
        QVERIFY(!page.isModified());

        // Delete asks, says what happens, and declining keeps the file.
        QVERIFY(!page.deleteEnvironment());
        QCOMPARE(answers.asked.size(), 2);
        QVERIFY(answers.asked.last().consequences.join(u' ').contains(u"repository-reader-copy.yaml"));
        QVERIFY(EnvironmentLibrary().contains(u"repository-reader-copy"_s));
        answers.answer = true;
        QVERIFY(page.deleteEnvironment());
        QVERIFY(!EnvironmentLibrary().contains(u"repository-reader-copy"_s));
        QVERIFY(page.model()->rowOf(u"repository-reader-copy"_s) < 0);

        // A new one is saved under its name; a clash is refused.
        QVERIFY(page.newEnvironment());
        QVERIFY(page.save());
        QVERIFY(EnvironmentLibrary().contains(u"new-environment"_s));
        QVERIFY(page.newEnvironment());
        QCOMPARE(page.editor()->profile().name, u"new-environment-2"_s);
        auto *name = page.editor()->findChild<QLineEdit *>(u"name"_s);
        name->setText(u"new-environment"_s);
        QVERIFY(!page.save());
        QVERIFY(page.message()->text().contains(u"exists already"));
    }

    void secretValuesGoToTheStoreOnly()
    {
        if (!qEnvironmentVariable("DELEGATE_TEST_SECRET_SERVICE").isEmpty())
            QSKIP("this case is about a session without a keychain, and this run has a Secret Service "
                  "(DELEGATE_TEST_SECRET_SERVICE); the run without one covers it");
        const QString value = u"gui-secret-9c1d77e0"_s;
        SecretStore store;
        QCOMPARE(QCoro::waitFor(store.detect()), SecretStore::Backend::None);
        EnvironmentsPage page(EnvironmentLibrary(), &store);
        page.setConfirmer([](QWidget *, const ConfirmationRequest &) { return true; });
        QVERIFY(page.newEnvironment());
        auto *name = page.editor()->findChild<QLineEdit *>(u"name"_s);
        name->setText(u"with-secret"_s);
        Q_EMIT name->textEdited(name->text());
        QVERIFY(page.editor()->addGrant(Capability::Secret, u"LOGS_API_TOKEN"_s));
        CapabilityChip *chip = page.editor()->chips().constFirst();
        QCOMPARE(chip->valueState(), CapabilityChip::ValueState::Unknown);

        // No keychain: the panel says so and asks for consent before any file exists.
        QTest::mouseClick(chip->findChild<QToolButton *>(u"setValue"_s), Qt::LeftButton);
        auto *panel = page.editor()->findChild<SecretValuePanel *>();
        QVERIFY(panel->isVisibleTo(&page));
        QCOMPARE(panel->step(), SecretValuePanel::Step::Consent);
        QVERIFY(!store.fallbackExists());
        panel->findChild<QLineEdit *>(u"newPassphrase"_s)->setText(u"a long passphrase"_s);
        panel->findChild<QLineEdit *>(u"confirmPassphrase"_s)->setText(u"a long passphrase"_s);
        QTest::mouseClick(panel->findChild<QPushButton *>(u"consent"_s), Qt::LeftButton);
        QTRY_COMPARE(panel->step(), SecretValuePanel::Step::Value);
        QVERIFY(store.fallbackExists());

        panel->findChild<QLineEdit *>(u"secretValue"_s)->setText(value);
        QTest::mouseClick(panel->findChild<QPushButton *>(u"saveValue"_s), Qt::LeftButton);
        QTRY_COMPARE(page.editor()->chips().constFirst()->valueState(), CapabilityChip::ValueState::Set);
        QVERIFY(panel->findChild<QLineEdit *>(u"secretValue"_s)->text().isEmpty());
        const QString secretName = u"LOGS_API_TOKEN"_s;
        QCOMPARE(QCoro::waitFor(store.read(secretName)).value, value);
        QVERIFY(page.save());

        // The file names the secret; no file anywhere holds its value.
        QFile saved(EnvironmentLibrary().filePath(u"with-secret"_s));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("LOGS_API_TOKEN"));
        for (const auto location : { QStandardPaths::AppConfigLocation, QStandardPaths::AppDataLocation,
                                     QStandardPaths::GenericConfigLocation }) {
            const QString root = QStandardPaths::writableLocation(location);
            QVERIFY2(filesContaining(root, value).isEmpty(),
                     qPrintable(filesContaining(root, value).join(u", ")));
        }
    }

    void screenshot()
    {
        const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
        if (directory.isEmpty())
            QSKIP("set DELEGATE_SCREENSHOT_DIR to render the page");
        EnvironmentLibrary library;
        EnvironmentProfile mine = *library.load(u"checkout-investigation"_s).value;
        mine.name = u"checkout-oncall"_s;
        mine.description = u"Investigate checkout incidents: code, logs and runbooks."_s;
        QVERIFY(library.save(mine));
        EnvironmentsPage page(library, nullptr);
        page.resize(1440, 860);
        QVERIFY(page.selectEnvironment(u"checkout-oncall"_s));
        QVERIFY(page.setTaskFile(examples + u"tasks/diagnose-checkout-timeout.yaml"_s));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QDir().mkpath(directory);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(page.grab().save(directory + u"/environments.png"_s));
    }
};

QTEST_MAIN(TestEnvironmentsPage)
#include "tst_environmentspage.moc"
