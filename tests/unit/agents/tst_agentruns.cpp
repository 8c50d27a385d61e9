// SPDX-License-Identifier: GPL-3.0-or-later
// Agents doing real work: a git worktree of a small repository, the real
// bubblewrap sandbox, the scripted provider for the built-in agent, stub CLI
// agents, and the flaky-test playbook. Each patch is applied to a fresh
// clone of the base and the repository's tests are run on it.
#include "agents/agenthost.h"
#include "agents/builtin/builtinagent.h"
#include "agents/cli/cliagentruntime.h"
#include "agents/llm/llmclient.h"
#include "agents/playbook/playbookruntime.h"
#include "domain/skillfolder.h"
#include "sandbox/localsandbox.h"
#include "scriptedllmserver.h"
#include "workspace/workspacemanager.h"

#include <QCoro/QCoroTask>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace delegate;
using delegate::fixtures::ScriptedLlmServer;

Q_DECLARE_METATYPE(delegate::llm::Dialect)
Q_DECLARE_METATYPE(delegate::AgentSpec::Runtime)

namespace {

const QString fixtureRoot = QStringLiteral(DELEGATE_SOURCE_DIR "/tests/fixtures");

// Keeps what an agent recorded and answers people's part from a script.
class RecordingHost final : public AgentHost
{
public:
    AgentEvents events;
    QList<HumanQuestion> questions;
    QList<QString> plans;
    QString answer = u"Use the smallest change."_s;
    QList<HumanReply::Verdict> planVerdicts { HumanReply::Verdict::Approved };
    QStringList steering;

    QCoro::Task<void> record(AgentEvent event) override
    {
        events.append(std::move(event));
        co_return;
    }
    QCoro::Task<HumanReply> ask(HumanQuestion question) override
    {
        questions.append(question);
        co_return HumanReply { HumanReply::Verdict::Answered, answer, u"user:ada"_s };
    }
    QCoro::Task<HumanReply> reviewPlan(QString, QString, QString plan) override
    {
        plans.append(plan);
        const HumanReply::Verdict verdict =
            planVerdicts.isEmpty() ? HumanReply::Verdict::Approved : planVerdicts.takeFirst();
        co_return HumanReply { verdict, u"Go ahead."_s, u"user:grace"_s };
    }
    QStringList takeSteeringMessages() override { return std::exchange(steering, {}); }

    int count(QLatin1StringView kind) const
    {
        return int(std::count_if(events.cbegin(), events.cend(),
                                 [&](const AgentEvent &event) { return event.kind == kind; }));
    }
};

bool git(const QString &directory, const QStringList &arguments, QByteArray *output = nullptr)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(u"git"_s,
                  QStringList { u"-c"_s, u"user.name=Test"_s, u"-c"_s, u"user.email=test@example.invalid"_s }
                      + arguments);
    process.waitForFinished(60000);
    if (output)
        *output = process.readAllStandardOutput() + process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// Copies a fixture folder into a fresh git repository with one commit.
QString makeRepository(const QString &parent, const QString &fixture)
{
    const QString repository = parent + u"/source-"_s + fixture;
    const QString from = fixtureRoot + u"/repos/"_s + fixture;
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = repository + u'/' + QDir(from).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).path());
        QFile::copy(file, target);
    }
    if (!git(repository, { u"init"_s, u"-q"_s, u"-b"_s, u"main"_s })
        || !git(repository, { u"add"_s, u"-A"_s })
        || !git(repository, { u"commit"_s, u"-q"_s, u"-m"_s, u"base"_s }))
        return {};
    return repository;
}

// Applies a patch to a fresh clone of the base and runs the tests there.
bool patchMakesTestsPass(const QString &repository, const QByteArray &diff, QByteArray *log)
{
    QTemporaryDir scratch;
    const QString clone = scratch.filePath(u"clone"_s);
    if (!git(scratch.path(), { u"clone"_s, u"-q"_s, repository, clone }, log))
        return false;
    QFile patch(scratch.filePath(u"run.patch"_s));
    patch.open(QIODevice::WriteOnly);
    patch.write(diff);
    patch.close();
    if (!git(clone, { u"apply"_s, patch.fileName() }, log))
        return false;
    QProcess tests;
    tests.setWorkingDirectory(clone);
    tests.start(u"/usr/bin/python3"_s, { u"-m"_s, u"unittest"_s, u"-q"_s });
    tests.waitForFinished(60000);
    *log = tests.readAllStandardError();
    return tests.exitCode() == 0;
}

QJsonObject runCall(const QString &command)
{
    return { { u"name"_s, u"run"_s }, { u"arguments"_s, QJsonObject { { u"command"_s, command } } } };
}

} // namespace

class TestAgentRuns final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    LocalSandbox *m_sandbox = nullptr;
    WorkspaceManager *m_workspaces = nullptr;
    int m_runNumber = 0;

    struct Prepared
    {
        QString repository;
        Workspace workspace;
        std::unique_ptr<SandboxSession> session;
    };

    // A worktree of a fresh repository made from the fixture, and a sandbox session on it.
    Prepared prepare(const QString &fixture, const std::function<void(SandboxPolicy &)> &adjust = {})
    {
        Prepared prepared;
        const QString parent = m_root.filePath(u"run-%1"_s.arg(++m_runNumber));
        QDir().mkpath(parent);
        prepared.repository = makeRepository(parent, fixture);
        if (prepared.repository.isEmpty())
            return prepared;
        auto workspace = QCoro::waitFor(
            m_workspaces->create({ u"run%1"_s.arg(m_runNumber), prepared.repository, {}, false }));
        if (!workspace.ok()) {
            qWarning() << workspace.error().message;
            return prepared;
        }
        prepared.workspace = workspace.value();
        SandboxPolicy policy = SandboxPolicy::forWorkspace(prepared.workspace.path);
        policy.limits.wallTime = std::chrono::seconds(60);
        if (adjust)
            adjust(policy);
        auto session = QCoro::waitFor(m_sandbox->prepare(policy));
        if (!session.ok()) {
            qWarning() << session.error().message;
            return prepared;
        }
        prepared.session = session.takeValue();
        return prepared;
    }

    QByteArray patchOf(Prepared &prepared)
    {
        QCoro::waitFor(prepared.session->teardown());
        auto patch = QCoro::waitFor(m_workspaces->collectPatch(prepared.workspace));
        return patch.ok() ? patch.value().diff : QByteArray();
    }

    static AgentRunContext contextFor(const Prepared &prepared, Capabilities capabilities, TaskSpec task = {})
    {
        AgentRunContext context;
        context.runId = prepared.workspace.runId;
        if (task.objective.isEmpty())
            task.objective = u"Make the failing test in tests/test_sum.py pass without changing the test."_s;
        task.verifyCommands = { u"python3 -m unittest -q"_s };
        context.task = task;
        context.environment.name = u"test"_s;
        context.environment.capabilities = std::move(capabilities);
        context.session = prepared.session.get();
        context.startedAt = QDateTime::currentDateTimeUtc();
        return context;
    }

    static Capabilities writeAccess()
    {
        Capabilities capabilities;
        capabilities.repository = Capabilities::RepositoryAccess::Write;
        capabilities.tools = { u"python3"_s };
        return capabilities;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_root.isValid());
        // Commands may run as another host user; they must reach their workspace.
        ::chmod(QFile::encodeName(m_root.path()).constData(), 0711);
        m_sandbox = new LocalSandbox({}, this);
        const auto probe = QCoro::waitFor(m_sandbox->probe());
        QVERIFY2(probe.ok(), probe.ok() ? "" : qPrintable(probe.error().message));
        m_workspaces = new WorkspaceManager(m_root.filePath(u"workspaces"_s), this);
    }

    void builtinAgentFixesTheFailingTest_data()
    {
        QTest::addColumn<llm::Dialect>("dialect");
        QTest::addRow("openai") << llm::Dialect::OpenAiChat;
        QTest::addRow("anthropic") << llm::Dialect::AnthropicMessages;
    }
    void builtinAgentFixesTheFailingTest()
    {
        QFETCH(llm::Dialect, dialect);
        ScriptedLlmServer server;
        QVERIFY(server.listen());
        server.setScript(QJsonArray {
            QJsonObject { { u"text"_s, u"Running the tests first."_s },
                          { u"tool_calls"_s, QJsonArray { runCall(u"python3 -m unittest -q"_s) } } },
            QJsonObject { { u"expect_contains"_s, u"FAILED (failures=1)"_s },
                          { u"tool_calls"_s,
                            QJsonArray { QJsonObject {
                                { u"name"_s, u"read_file"_s },
                                { u"arguments"_s, QJsonObject { { u"path"_s, u"sum.py"_s } } } } } } },
            QJsonObject {
                { u"expect_contains"_s, u"return a - b"_s },
                { u"tool_calls"_s,
                  QJsonArray { QJsonObject { { u"name"_s, u"edit_file"_s },
                                             { u"arguments"_s,
                                               QJsonObject { { u"path"_s, u"sum.py"_s },
                                                             { u"old_text"_s, u"return a - b"_s },
                                                             { u"new_text"_s, u"return a + b"_s } } } } } } },
            QJsonObject { { u"expect_contains"_s, u"Replaced 1 occurrence"_s },
                          { u"tool_calls"_s, QJsonArray { runCall(u"python3 -m unittest -q"_s) } } },
            QJsonObject {
                { u"expect_contains"_s, u"exit code: 0"_s },
                { u"tool_calls"_s,
                  QJsonArray { QJsonObject {
                      { u"name"_s, u"submit"_s },
                      { u"arguments"_s,
                        QJsonObject { { u"kind"_s, u"patch"_s },
                                      { u"summary"_s, u"add() subtracted; it adds now."_s },
                                      { u"content"_s, u"Fixed the operator in sum.py."_s } } } } } } },
        });
        Prepared prepared = prepare(u"sum-py"_s);
        QVERIFY(prepared.session);

        llm::ProviderConfig config;
        config.name = u"scripted"_s;
        config.dialect = dialect;
        config.baseUrl =
            QUrl(dialect == llm::Dialect::OpenAiChat ? server.openAiBaseUrl() : server.anthropicBaseUrl());
        config.apiKey = u"sk-never-enters-the-sandbox"_s;
        llm::LlmClient client(config);
        BuiltinAgent::Options options;
        options.model = u"scripted-model"_s;
        BuiltinAgent agent(&client, options);
        RecordingHost host;
        const AgentOutcome outcome = QCoro::waitFor(agent.run(contextFor(prepared, writeAccess()), &host));

        QVERIFY2(outcome.status == AgentOutcome::Status::Submitted, qPrintable(outcome.reason));
        QCOMPARE(outcome.submission->kind, u"patch"_s);
        QCOMPARE(server.remainingTurns(), 0);
        QCOMPARE(host.count(agentevents::toolCall), 5);
        QCOMPARE(host.count(agentevents::toolResult), 5);
        QVERIFY(outcome.inputTokens > 0);

        // The repository's AGENTS.md and the task's bounds reach the model.
        const QJsonObject first = server.requests().constFirst().body;
        const QString system = dialect == llm::Dialect::OpenAiChat
            ? first.value("messages"_L1).toArray().at(0).toObject().value("content"_L1).toString()
            : first.value("system"_L1).toString();
        QVERIFY(system.contains(u"python3 -m unittest -q"_s));
        QVERIFY(system.contains(u"Working in this repository"_s));

        QByteArray log;
        const QByteArray diff = patchOf(prepared);
        QVERIFY(diff.contains("+    return a + b"));
        QVERIFY2(patchMakesTestsPass(prepared.repository, diff, &log), log.constData());
    }

    void cliAgentsFixTheFailingTest_data()
    {
        QTest::addColumn<AgentSpec::Runtime>("runtime");
        QTest::addColumn<QString>("credential");
        QTest::addRow("claude code") << AgentSpec::Runtime::ClaudeCode << u"ANTHROPIC_API_KEY"_s;
        QTest::addRow("codex") << AgentSpec::Runtime::Codex << u"OPENAI_API_KEY"_s;
        QTest::addRow("gemini") << AgentSpec::Runtime::Gemini << u"GEMINI_API_KEY"_s;
    }
    void cliAgentsFixTheFailingTest()
    {
        QFETCH(AgentSpec::Runtime, runtime);
        QFETCH(QString, credential);
        const auto profile = CliAgentProfile::forRuntime(runtime);
        QVERIFY(profile);
        Prepared prepared = prepare(u"sum-py"_s, [&](SandboxPolicy &policy) {
            policy.toolDirs = { fixtureRoot + u"/cli-agents/bin"_s };
            policy.readOnlyMounts = { { fixtureRoot + u"/cli-agents"_s, u"/fixtures"_s } };
            policy.environment.insert(u"STUB_AGENT_SCENARIO"_s, u"/fixtures/scenarios/fix-sum.json"_s);
            policy.secrets.insert(credential, u"sk-test-credential-value"_s);
        });
        QVERIFY(prepared.session);
        Capabilities capabilities = writeAccess();
        capabilities.tools.append(profile->executable);
        capabilities.secrets = { credential };
        capabilities.network.mode = NetworkAccess::Mode::Full;

        CliAgentRuntime agent(*profile);
        RecordingHost host;
        const AgentOutcome outcome = QCoro::waitFor(agent.run(contextFor(prepared, capabilities), &host));
        QVERIFY2(outcome.status == AgentOutcome::Status::Submitted, qPrintable(outcome.reason));
        QCOMPARE(outcome.submission->kind, u"patch"_s);
        QVERIFY(outcome.submission->summary.startsWith(u"Fixed"_s)
                || outcome.submission->summary.startsWith(u"Running"_s));
        QCOMPARE(host.events.constFirst().kind, agentevents::started);
        QCOMPARE(host.count(agentevents::malformed), 1);
        QCOMPARE(host.count(agentevents::finished), 1);
        QVERIFY(outcome.outputTokens > 0);

        QByteArray log;
        const QByteArray diff = patchOf(prepared);
        QVERIFY2(patchMakesTestsPass(prepared.repository, diff, &log), log.constData());
    }

    void cliAgentWithoutGrantsRefusesToStart()
    {
        Prepared prepared = prepare(u"sum-py"_s);
        QVERIFY(prepared.session);
        CliAgentRuntime agent(*CliAgentProfile::forRuntime(AgentSpec::Runtime::ClaudeCode));
        RecordingHost host;
        const AgentOutcome outcome = QCoro::waitFor(agent.run(contextFor(prepared, writeAccess()), &host));
        QCOMPARE(outcome.status, AgentOutcome::Status::Failed);
        QVERIFY(outcome.reason.contains(u"'claude' to the environment's tools"_s));
        QVERIFY(outcome.reason.contains(u"ANTHROPIC_API_KEY"_s));
        QVERIFY(outcome.reason.contains(u"network"_s));
        QCOMPARE(host.count(agentevents::toolCall), 0);
        patchOf(prepared);
    }

    void flakyTestPlaybookNamesTheFlakyTest()
    {
        const LoadResult<Skill> skill = SkillFolder::load(
            QStringLiteral(DELEGATE_SOURCE_DIR "/resources/skills/investigate-flaky-tests"));
        QVERIFY2(skill.ok(), skill.errors.isEmpty() ? "" : qPrintable(skill.errors.constFirst().toString()));
        Prepared prepared = prepare(u"flaky-py"_s);
        QVERIFY(prepared.session);
        TaskSpec task;
        task.objective = u"Find the flaky tests."_s;
        task.skill.name = u"investigate-flaky-tests"_s;
        task.skill.parameters = { { u"test_command"_s, u"python3 -m unittest -v"_s }, { u"runs"_s, u"6"_s } };
        AgentRunContext context = contextFor(prepared, writeAccess(), task);
        context.skill = *skill.value;

        PlaybookRuntime playbook;
        RecordingHost host;
        const AgentOutcome outcome = QCoro::waitFor(playbook.run(context, &host));
        QVERIFY2(outcome.status == AgentOutcome::Status::Submitted, qPrintable(outcome.reason));
        QCOMPARE(outcome.submission->kind, u"report"_s);
        QCOMPARE(host.count(agentevents::toolCall), 6);
        const QString flaky = u"tests.test_cache.CacheTest.test_warm_cache_after_restart"_s;
        QVERIFY2(outcome.submission->summary.contains(flaky), qPrintable(outcome.submission->summary));
        QVERIFY(!outcome.submission->summary.contains(u"test_put_then_get"_s));
        QVERIFY(outcome.submission->content.contains(u"failed 3 of 6"_s));
        QCOMPARE(outcome.submission->evidence.tests.size(), 3);
        QVERIFY(outcome.costUsd && *outcome.costUsd == 0.0);
        patchOf(prepared);
    }

    void playbookRefusesUnknownParameters()
    {
        const LoadResult<Skill> skill = SkillFolder::load(
            QStringLiteral(DELEGATE_SOURCE_DIR "/resources/skills/investigate-flaky-tests"));
        QVERIFY(skill.ok());
        QString error;
        QVERIFY(!PlaybookRuntime::resolveParameters(*skill.value, {}, &error));
        QVERIFY(error.contains(u"test_command"_s));
        QVERIFY(!PlaybookRuntime::resolveParameters(
            *skill.value, { { u"test_command"_s, u"make"_s }, { u"rnus"_s, u"3"_s } }, &error));
        QVERIFY(error.contains(u"'rnus'"_s));
        QVERIFY(!PlaybookRuntime::expand(u"{{nope}}"_s, {}, &error));
        QCOMPARE(*PlaybookRuntime::expand(u"run {{ a }} and {{b}}"_s,
                                          { { u"a"_s, u"1"_s }, { u"b"_s, u"2"_s } }, &error),
                 u"run 1 and 2"_s);
    }
};

QTEST_GUILESS_MAIN(TestAgentRuns)
#include "tst_agentruns.moc"
