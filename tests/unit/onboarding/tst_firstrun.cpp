// SPDX-License-Identifier: GPL-3.0-or-later
// What the first-run guide relies on: the survey of this machine, and the
// demo workspace made into a repository whose offline task runs the flaky
// test playbook to a report on a real engine, with no model.
#include "enginetestsupport.h"

#include "onboarding/demoworkspace.h"
#include "onboarding/setupsurvey.h"
#include "policy/boundedtasklint.h"

#include <QCoro/QCoroTask>
#include <QStandardPaths>
#include <QTcpServer>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;

namespace {

QString gitText(const QString &directory, const QStringList &arguments)
{
    QByteArray output;
    gitOutput(directory, arguments, &output);
    return QString::fromUtf8(output).trimmed();
}

QUrl closedPortUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return QUrl(u"http://127.0.0.1:%1"_s.arg(probe.serverPort()));
}

} // namespace

class TestFirstRun final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void surveySaysWhatEachFindingEnables()
    {
        SetupSurvey::Options options;
        options.environment.insert(
            u"PATH"_s, QStringLiteral(DELEGATE_SOURCE_DIR "/tests/fixtures/cli-agents/bin:/usr/bin:/bin"));
        options.environment.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant"_s);
        ProviderSetting provider;
        provider.name = u"local-ollama"_s;
        provider.baseUrl = QUrl(u"http://127.0.0.1:11434/v1"_s);
        options.settings.providers = { provider };
        options.ollamaUrl = closedPortUrl();
        const SetupSurveyResult result = QCoro::waitFor(SetupSurvey::run(options));

        // The machine running the tests has a working bubblewrap.
        QVERIFY(result.sandboxReady);
        QVERIFY(result.modelAvailable);
        QHash<SetupFinding::Topic, int> topics;
        for (const SetupFinding &finding : result.findings)
            ++topics[finding.topic];
        QCOMPARE(topics.value(SetupFinding::Topic::Sandbox), 1);
        QCOMPARE(topics.value(SetupFinding::Topic::ProviderKey), 1);
        QCOMPARE(topics.value(SetupFinding::Topic::ConfiguredProvider), 1);
        QCOMPARE(topics.value(SetupFinding::Topic::Ollama), 1);
        QCOMPARE(topics.value(SetupFinding::Topic::CliAgent), 3);
        for (const SetupFinding &finding : result.findings) {
            QVERIFY2(!finding.title.isEmpty() && !finding.detail.isEmpty() && !finding.enables.isEmpty(),
                     qPrintable(finding.title));
        }
        QVERIFY(!result.ollama.running);
        QCOMPARE(result.cliAgents.size(), 3);
        QVERIFY(result.cliAgents.constFirst().canAuthenticate()); // claude, with ANTHROPIC_API_KEY
    }

    void surveyWithoutBubblewrap()
    {
        SetupSurvey::Options options;
        options.environment.insert(u"PATH"_s, u"/nonexistent"_s);
        options.bwrapPath = u"/nonexistent/bwrap"_s;
        options.ollamaUrl = closedPortUrl();
        const SetupSurveyResult result = QCoro::waitFor(SetupSurvey::run(options));
        QVERIFY(!result.sandboxReady);
        QVERIFY(!result.modelAvailable);
        const SetupFinding &sandbox = result.findings.constFirst();
        QCOMPARE(sandbox.topic, SetupFinding::Topic::Sandbox);
        QVERIFY(!sandbox.found);
        QVERIFY2(sandbox.detail.contains(u"apt-get install bubblewrap"_s), qPrintable(sandbox.detail));
    }

    void preparesTheRepositoryOnce()
    {
        QTemporaryDir home;
        const DemoWorkspace demo(home.filePath(u"demo/invoices"_s));
        const DemoWorkspace::Prepared first = QCoro::waitFor(demo.prepare());
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QVERIFY(first.created);
        QCOMPARE(first.repository, demo.repository());
        QCOMPARE(gitText(demo.repository(), { u"status"_s, u"--porcelain"_s }), QString());
        QCOMPARE(gitText(demo.repository(), { u"branch"_s, u"--show-current"_s }), u"main"_s);
        QVERIFY(QFile::exists(demo.repository() + u"/tests/test_status.py"_s));
        QVERIFY(QFile::exists(demo.repository() + u"/README.md"_s));
        const QString head = gitText(demo.repository(), { u"rev-parse"_s, u"HEAD"_s });

        // The user's own change survives a second prepare.
        QFile readme(demo.repository() + u"/README.md"_s);
        QVERIFY(readme.open(QIODevice::Append));
        readme.write("\nA note of mine.\n");
        readme.close();
        const DemoWorkspace::Prepared second = QCoro::waitFor(demo.prepare());
        QVERIFY(second.error.isEmpty());
        QVERIFY(!second.created);
        QCOMPARE(gitText(demo.repository(), { u"rev-parse"_s, u"HEAD"_s }), head);
        QCOMPARE(gitText(demo.repository(), { u"status"_s, u"--porcelain"_s }), u"M README.md"_s);
    }

    void neverOverwritesAnotherFolder()
    {
        QTemporaryDir home;
        const QString target = home.filePath(u"invoices"_s);
        QDir().mkpath(target);
        QFile mine(target + u"/notes.txt"_s);
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine");
        mine.close();
        const DemoWorkspace::Prepared prepared = QCoro::waitFor(DemoWorkspace(target).prepare());
        QVERIFY(prepared.repository.isEmpty());
        QVERIFY2(prepared.error.contains(u"is not the demo repository; it was left alone"_s),
                 qPrintable(prepared.error));
        QCOMPARE(QDir(target).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList { u"notes.txt"_s });
    }

    void theDemoTasksAreBounded()
    {
        const DemoWorkspace demo(u"/tmp/demo-repository"_s);
        const LoadResult<TaskSpec> offline = demo.offlineTask();
        QVERIFY2(offline.ok(), qPrintable(offline.errors.value(0).toString()));
        QCOMPARE(offline.value->scope.repository, u"/tmp/demo-repository"_s);
        QCOMPARE(offline.value->agent.runtime, AgentSpec::Runtime::Playbook);
        QCOMPARE(offline.value->skill.name, u"investigate-flaky-tests"_s);
        const LintReport lint = BoundedTaskLint().lint(*offline.value);
        QVERIFY2(lint.verdict == LintVerdict::Bounded, qPrintable(lint.summary));

        AgentSpec agent;
        agent.runtime = AgentSpec::Runtime::Builtin;
        agent.provider = u"local-ollama"_s;
        const LoadResult<TaskSpec> model = demo.modelTask(agent);
        QVERIFY2(model.ok(), qPrintable(model.errors.value(0).toString()));
        QCOMPARE(model.value->agent.provider, u"local-ollama"_s);
        QVERIFY2(BoundedTaskLint().lint(*model.value).verdict == LintVerdict::Bounded,
                 qPrintable(BoundedTaskLint().lint(*model.value).summary));

        const LoadResult<EnvironmentProfile> environment = demo.environment();
        QVERIFY(environment.ok());
        QCOMPARE(environment.value->name, offline.value->environment);
        QVERIFY(demo.skill().ok());
    }

    // The whole offline demo on a real engine: the playbook runs the tests
    // twelve times in the sandbox and hands in a report naming the flaky one.
    void theOfflineDemoFindsTheFlakyTest()
    {
        EngineHarness harness;
        QVERIFY(harness.setUp());
        const DemoWorkspace demo(harness.root.filePath(u"demo/invoices"_s));
        const DemoWorkspace::Prepared prepared = QCoro::waitFor(demo.prepare());
        QVERIFY2(prepared.error.isEmpty(), qPrintable(prepared.error));

        Engine engine;
        const auto opened = QCoro::waitFor(engine.open(harness.options()));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        SubmitRequest request;
        request.task = *demo.offlineTask().value;
        request.environment = *demo.environment().value;
        request.skill = *demo.skill().value;
        const auto submitted = QCoro::waitFor(engine.submit(request, u"user:ada"_s));
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        const QString runId = submitted.value().constFirst();
        DELEGATE_WAIT_FOR_STATE(engine, runId, RunState::InReview);

        const Artifact *report = engine.state().run(runId)->latestArtifact();
        QVERIFY(report);
        const QString markdown = std::get<ReportContent>(report->content).markdown;
        // Twelve runs of a test that fails about half the time: both outcomes
        // show up unless the odds of 1 in 2048 strike.
        QVERIFY2(report->summary.contains(u"test_summary_line"_s), qPrintable(report->summary + markdown));
        QVERIFY2(markdown.contains(u"test_total_adds_lines"_s), qPrintable(markdown));
        QVERIFY(!report->summary.contains(u"test_format_amount"_s));
        QCoro::waitFor(engine.shutdown(u"test"_s));
    }
};

QTEST_GUILESS_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
