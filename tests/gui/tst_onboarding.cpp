// SPDX-License-Identifier: GPL-3.0-or-later
// First run and Settings over a real engine: the guide surveys the machine,
// its one-click offline demo runs the flaky-test playbook on the demo
// project and takes the user from the live console to the report's review,
// its approval and the action that writes the report file; and the Settings
// page keeps providers in the settings file and keys in a real secret store.
// With DELEGATE_SCREENSHOT_DIR set it saves pictures of the guide, the demo's
// review and the settings page.
#include "guiengine.h"

#include "firstrun/firstrunguide.h"
#include "mainwindow.h"
#include "review/actionspanel.h"
#include "review/inlinemessage.h"
#include "review/reviewview.h"
#include "secrets/secretstore.h"
#include "settings/cliagentspanel.h"
#include "settings/connectorspanel.h"
#include "settings/enginepanel.h"
#include "settings/providerspanel.h"
#include "settings/secretstorekeys.h"
#include "settings/settingsfile.h"
#include "settings/settingspage.h"
#include "views/runconsole.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;
using namespace delegate::ui;

namespace {

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("DELEGATE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    QCoreApplication::processEvents(); // pending layouts and repaints, before grabbing
    widget.grab().save(directory + u'/' + name + u".png"_s);
}

} // namespace

class TestOnboarding final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void theOfflineDemoFromClickToReportFile()
    {
        GuiEngine gui;
        QVERIFY(gui.start());
        MainWindow window(gui.hub.get());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Shown on the first start only.
        const QPointer<FirstRunGuide> guide = window.showFirstRunGuideIfNew();
        QVERIFY(guide);
        QVERIFY(!window.showFirstRunGuideIfNew());
        QTRY_VERIFY_WITH_TIMEOUT(guide->surveyed(), 60000);
        const QStringList findings = guide->findingTitles();
        QVERIFY2(findings.size() >= 5,
                 qPrintable(findings.join(u", "_s))); // sandbox, Ollama, three CLI agents
        QCOMPARE(findings.constFirst(), u"Sandbox (bubblewrap and user namespaces)"_s);
        QVERIFY(findings.contains(u"Local Ollama"_s));
        QVERIFY(guide->offlineDemoButton()->isEnabled());
        // The engine has a model provider (the scripted one), so the model-driven demo is offered too.
        QTRY_VERIFY(guide->modelDemoButton()->isEnabled());
        saveScreenshot(*guide, u"first-run-guide"_s);

        // The demo project goes where the sandbox can reach it.
        guide->setDemoRepository(gui.harness.root.filePath(u"demo/invoices"_s));
        QTest::mouseClick(guide->offlineDemoButton(), Qt::LeftButton);

        // The live console of the run, at once.
        auto *console = window.findChild<RunConsole *>();
        QTRY_VERIFY_WITH_TIMEOUT(!console->runId().isEmpty(), 30000);
        const QString runId = console->runId();
        QCOMPARE(window.currentSection(), Sidebar::Runs);
        auto *detail = window.findChild<QTabWidget *>(u"runDetail"_s);
        QCOMPARE(detail->currentWidget(), console);
        QTRY_VERIFY(!guide || !guide->isVisible());

        // When the playbook hands in its report, the review opens by itself.
        auto *review = window.findChild<ReviewView *>();
        QTRY_COMPARE_WITH_TIMEOUT(detail->currentWidget(), review, 180000);
        QTRY_COMPARE_WITH_TIMEOUT(review->latestVersion(), 1, 20000);
        QCOMPARE(review->runId(), runId);
        const QString report = review->reportView()->toPlainText();
        QVERIFY2(report.contains(u"test_summary_line"_s), qPrintable(report));
        saveScreenshot(window, u"demo-review"_s);

        // Approve, preview the action that writes the report, run it.
        QTRY_VERIFY(review->approveButton()->isEnabled());
        QSignalSpy reviewed(review, &ReviewView::reviewed);
        QTest::mouseClick(review->approveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(reviewed.size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(review->state(), u"approved"_s, 20000);
        ActionsPanel *actions = review->actionsPanel();
        QTRY_VERIFY(actions->isVisible());
        QCOMPARE(actions->parameter(u"report.write_file"_s, u"directory"_s),
                 guide ? guide->demoRepository() : gui.harness.root.filePath(u"demo/invoices"_s));
        const QString file = gui.harness.root.filePath(u"demo/invoices/"_s)
            + actions->parameter(u"report.write_file"_s, u"path"_s);
        QSignalSpy previewed(actions, &ActionsPanel::previewed);
        QTest::mouseClick(actions->previewButton(), Qt::LeftButton);
        QVERIFY(previewed.wait(30000));
        QVERIFY2(actions->runButton()->isEnabled(), qPrintable(actions->results()->toPlainText()));
        QVERIFY(!QFile::exists(file));
        QSignalSpy acted(actions, &ActionsPanel::acted);
        QTest::mouseClick(actions->runButton(), Qt::LeftButton);
        QVERIFY2(acted.wait(30000), qPrintable(actions->message()->text()));
        QTRY_COMPARE_WITH_TIMEOUT(review->state(), u"completed"_s, 20000);
        saveScreenshot(window, u"demo-action-done"_s);

        // The report file holds the report that was reviewed.
        QFile written(file);
        QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(file));
        const QString contents = QString::fromUtf8(written.readAll());
        QVERIFY(contents.contains(u"test_summary_line"_s));
        QVERIFY(contents.contains(u"test_total_adds_lines"_s));
    }

    // With a model provider at the engine, the guide's second demo sends the
    // README-versus-code task to the built-in agent.
    void theModelDrivenDemo()
    {
        GuiEngine gui;
        gui.harness.server.setScript(
            { turn({ call(u"submit"_s,
                          { { u"kind"_s, u"report"_s },
                            { u"summary"_s, u"The README says percent; the code takes a fraction."_s },
                            { u"content"_s, u"# Where the README drifted\n\n- tax_rate"_s } }) },
                   u"README.md"_s) });
        QVERIFY(gui.start());
        MainWindow window(gui.hub.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QPointer<FirstRunGuide> guide = window.showFirstRunGuide();
        QTRY_VERIFY_WITH_TIMEOUT(guide->surveyed(), 60000);
        QTRY_VERIFY(guide->modelDemoButton()->isEnabled());
        guide->setDemoRepository(gui.harness.root.filePath(u"demo/invoices"_s));
        QTest::mouseClick(guide->modelDemoButton(), Qt::LeftButton);

        auto *review = window.findChild<ReviewView *>();
        QTRY_COMPARE_WITH_TIMEOUT(review->state(), u"in_review"_s, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(review->latestVersion(), 1, 20000);
        QVERIFY(review->reportView()->toPlainText().contains(u"Where the README drifted"_s));
        const QJsonObject task = review->detail().value("run"_L1).toObject().value("task"_L1).toObject();
        QCOMPARE(task.value("agent"_L1).toObject().value("runtime"_L1).toString(), u"builtin"_s);
        QCOMPARE(gui.harness.server.remainingTurns(), 0);
    }

    void settingsRoundTrip()
    {
        QTemporaryDir dir;
        const QString settingsPath = dir.filePath(u"config/delegate/settings.yaml"_s);
        // The real secret store, on its encrypted file: no keychain runs here.
        SecretStore store(dir.filePath(u"secrets.enc"_s), u"DelegateTest"_s);
        QCoro::waitFor(store.detect());
        const QString passphrase = u"correct horse battery staple"_s;
        QVERIFY(QCoro::waitFor(store.enableFallback(passphrase)).ok());
        SecretStoreKeys keys(&store);

        GuiEngine gui;
        QVERIFY(gui.start());
        SettingsPage page(gui.hub.get(), &keys, settingsPath);
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // A provider, with a mistake named beside the form first.
        ProvidersPanel *providers = page.providers();
        auto *name = page.findChild<QLineEdit *>(u"providerName"_s);
        auto *baseUrl = page.findChild<QLineEdit *>(u"providerBaseUrl"_s);
        auto *models = page.findChild<QLineEdit *>(u"providerModels"_s);
        auto *key = page.findChild<QLineEdit *>(u"providerKey"_s);
        name->setText(u"Local Ollama"_s);
        QTest::mouseClick(page.findChild<QPushButton *>(u"saveProvider"_s), Qt::LeftButton);
        QCOMPARE(providers->message()->kind(), InlineMessage::Kind::Error);
        QVERIFY2(providers->message()->text().contains(u"cannot name a provider"_s),
                 qPrintable(providers->message()->text()));
        QVERIFY(!QFile::exists(settingsPath));

        name->setText(u"scripted"_s);
        baseUrl->setText(gui.harness.server.openAiBaseUrl());
        models->setText(u"scripted-model, other-model"_s);
        QTest::keyClicks(key, u"sk-kept-in-the-keychain"_s);
        QSignalSpy finished(providers, &ProvidersPanel::finished);
        QTest::mouseClick(page.findChild<QPushButton *>(u"saveProvider"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(providers->message()->kind(), InlineMessage::Kind::Success);
        QVERIFY(key->text().isEmpty());
        QTRY_COMPARE(providers->keyState()->text(), u"set"_s);
        QCOMPARE(providers->list()->count(), 1);

        // What was saved: the entry in the file, the key in the store only.
        const LoadResult<DelegateSettings> saved = SettingsFile::load(settingsPath);
        QVERIFY(saved.ok());
        const ProviderSetting *entry = saved.value->provider(u"scripted"_s);
        QVERIFY(entry);
        QCOMPARE(entry->models, QStringList({ u"scripted-model"_s, u"other-model"_s }));
        QFile file(settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("sk-kept"));
        QCOMPARE(QCoro::waitFor(store.read(entry->keyName())).value, u"sk-kept-in-the-keychain"_s);

        // Test connection, with the stored key, and the verdict in place.
        gui.harness.server.setScript({ QJsonObject { { u"status"_s, 401 }, { u"message"_s, u"bad key"_s } },
                                       QJsonObject { { u"text"_s, u"OK"_s } } });
        QTest::mouseClick(page.findChild<QPushButton *>(u"testProvider"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QCOMPARE(providers->verdict()->kind(), InlineMessage::Kind::Error);
        QVERIFY(providers->verdict()->text().contains(u"The API key was not accepted (HTTP 401)"_s));
        QTest::mouseClick(page.findChild<QPushButton *>(u"testProvider"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
        QCOMPARE(providers->verdict()->kind(), InlineMessage::Kind::Success);
        QCOMPARE(gui.harness.server.requests().constLast().header("authorization"),
                 QByteArray("Bearer sk-kept-in-the-keychain"));
        saveScreenshot(page, u"settings-providers"_s);

        // CLI agents: detected in the background, one row each.
        page.tabs()->setCurrentWidget(page.cliAgents());
        QTRY_COMPARE_WITH_TIMEOUT(page.cliAgents()->agents().size(), 3, 30000);
        QCOMPARE(page.cliAgents()->table()->topLevelItemCount(), 3);
        saveScreenshot(page, u"settings-cli-agents"_s);

        // Engine limits into the same file, beside the providers.
        page.tabs()->setCurrentWidget(page.engine());
        page.findChild<QSpinBox *>(u"maxRuns"_s)->setValue(7);
        QTest::mouseClick(page.findChild<QPushButton *>(u"saveEngine"_s), Qt::LeftButton);
        QCOMPARE(page.engine()->message()->kind(), InlineMessage::Kind::Success);
        QVERIFY(page.engine()->message()->text().contains(u"The engine restarts to apply"_s));
        const LoadResult<DelegateSettings> withLimits = SettingsFile::load(settingsPath);
        QVERIFY(withLimits.ok());
        QCOMPARE(withLimits.value->engine.maxConcurrentRuns, std::optional<int>(7));
        QCOMPARE(withLimits.value->providers.size(), 1);
        auto *relative = page.findChild<QLineEdit *>(u"storePath"_s);
        relative->setText(u"delegate.db"_s);
        QTest::mouseClick(page.findChild<QPushButton *>(u"saveEngine"_s), Qt::LeftButton);
        QCOMPARE(page.engine()->message()->kind(), InlineMessage::Kind::Error);
        relative->clear();
        // Notifications off, remembered.
        page.findChild<QCheckBox *>(u"notifications"_s)->setChecked(false);
        QVERIFY(!EnginePanel::notificationsEnabled());
        page.findChild<QCheckBox *>(u"notifications"_s)->setChecked(true);
        saveScreenshot(page, u"settings-engine"_s);

        // Connectors: into the store under the names actions read.
        page.tabs()->setCurrentWidget(page.connectors());
        ConnectorsPanel *connectors = page.connectors();
        QSignalSpy stored(connectors, &ConnectorsPanel::finished);
        connectors->field(u"SLACK_WEBHOOK_URL"_s)->setText(u"hooks.slack.com/x"_s);
        connectors->save(u"SLACK_WEBHOOK_URL"_s);
        QCOMPARE(stored.size(), 0); // refused before the keychain
        QTest::keyClicks(connectors->field(u"GITHUB_TOKEN"_s), u"github_pat_11ABC"_s);
        connectors->save(u"GITHUB_TOKEN"_s);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 20000);
        QTRY_COMPARE(connectors->state(u"GITHUB_TOKEN"_s)->text(), u"set"_s);
        QCOMPARE(QCoro::waitFor(store.read(u"GITHUB_TOKEN"_s)).value, u"github_pat_11ABC"_s);
        saveScreenshot(page, u"settings-connectors"_s);

        // Removing the provider removes its key.
        page.tabs()->setCurrentWidget(providers);
        providers->remove();
        QCOMPARE(providers->list()->count(), 0);
        QTRY_VERIFY(!QCoro::waitFor(store.read(entry->keyName())).ok());
    }
};

QTEST_MAIN(TestOnboarding)
#include "tst_onboarding.moc"
