// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in agent resuming after the engine stopped mid-call: a question
// or a hand-in (plan included) recorded without a result is asked or handed
// in again, with the same call id so the engine finds the same checkpoint;
// any other call is answered with "not run again".
#include "agents/agenthost.h"
#include "agents/builtin/builtinagent.h"
#include "agents/builtin/transcript.h"
#include "agents/llm/llmclient.h"
#include "scriptedllmserver.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using delegate::fixtures::ScriptedLlmServer;

namespace {

// Keeps what the agent recorded and answers people's part at once.
class MemoryHost final : public AgentHost
{
public:
    AgentEvents events;
    QList<HumanQuestion> questions;
    QStringList planIds;

    QCoro::Task<void> record(AgentEvent event) override
    {
        events.append(std::move(event));
        co_return;
    }
    QCoro::Task<HumanReply> ask(HumanQuestion question) override
    {
        questions.append(question);
        co_return HumanReply { HumanReply::Verdict::Answered, u"Fix sum.py."_s, u"user:grace"_s };
    }
    QCoro::Task<HumanReply> reviewPlan(QString id, QString, QString) override
    {
        planIds.append(id);
        co_return HumanReply { HumanReply::Verdict::Approved, {}, u"user:grace"_s };
    }
    QStringList takeSteeringMessages() override { return {}; }

    QList<QJsonObject> payloads(QLatin1StringView kind) const
    {
        QList<QJsonObject> found;
        for (const AgentEvent &event : events) {
            if (event.kind == kind)
                found.append(event.payload);
        }
        return found;
    }
};

AgentEvent toolCall(const QString &id, const QString &name, const QJsonObject &arguments)
{
    return { agentevents::toolCall,
             { { u"id"_s, id }, { u"name"_s, name }, { u"arguments"_s, arguments }, { u"turn"_s, 1 } } };
}

AgentEvents startedThen(const AgentEvent &call)
{
    return { { agentevents::started, { { u"runtime"_s, u"builtin"_s } } }, call };
}

QJsonObject submitReport(const QString &expect)
{
    return { { u"expect_contains"_s, expect },
             { u"tool_calls"_s,
               QJsonArray {
                   QJsonObject { { u"name"_s, u"submit"_s },
                                 { u"arguments"_s,
                                   QJsonObject { { u"kind"_s, u"report"_s },
                                                 { u"summary"_s, u"Done."_s },
                                                 { u"content"_s, u"The fix is in sum.py."_s } } } } } } };
}

} // namespace

class TestTranscriptResume final : public QObject
{
    Q_OBJECT

private:
    ScriptedLlmServer *m_server = nullptr;
    llm::LlmClient *m_client = nullptr;

    AgentOutcome resume(const AgentEvents &history, MemoryHost &host, bool planRequired = false)
    {
        BuiltinAgent::Options options;
        options.model = u"scripted-model"_s;
        BuiltinAgent agent(m_client, options);
        AgentRunContext context;
        context.runId = u"run-1"_s;
        context.task.objective = u"Make the failing test pass."_s;
        context.environment.name = u"test"_s;
        if (planRequired) {
            context.task.checkpointPolicy = CheckpointPolicy::ReviewPlan;
            context.environment.capabilities.repository = Capabilities::RepositoryAccess::Write;
        }
        context.history = history;
        context.startedAt = QDateTime::currentDateTimeUtc();
        return QCoro::waitFor(agent.run(context, &host));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_server = new ScriptedLlmServer(this);
        QVERIFY(m_server->listen());
        llm::ProviderConfig config;
        config.name = u"scripted"_s;
        config.baseUrl = QUrl(m_server->openAiBaseUrl());
        config.retry.maxAttempts = 1;
        m_client = new llm::LlmClient(config, this);
    }

    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void tellsWhichCallsRepeat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("repeatable");
        QTest::addRow("ask_human") << u"ask_human"_s << true;
        QTest::addRow("submit") << u"submit"_s << true;
        QTest::addRow("run") << u"run"_s << false;
        QTest::addRow("write_file") << u"write_file"_s << false;
        QTest::addRow("edit_file") << u"edit_file"_s << false;
    }
    void tellsWhichCallsRepeat()
    {
        QFETCH(QString, name);
        QFETCH(bool, repeatable);
        const Transcript transcript = Transcript::fromEvents(startedThen(toolCall(u"c1"_s, name, {})));
        QCOMPARE(transcript.unanswered.size(), 1);
        QCOMPARE(Transcript::isRepeatable(transcript.unanswered.constFirst()), repeatable);
    }

    void asksAnUnansweredQuestionAgain()
    {
        m_server->setScript({ submitReport(u"user:grace answered: Fix sum.py."_s) });
        MemoryHost host;
        const AgentOutcome outcome = resume(
            startedThen(toolCall(u"call_q"_s, u"ask_human"_s, { { u"question"_s, u"Which file?"_s } })),
            host);
        QVERIFY2(outcome.status == AgentOutcome::Status::Submitted, qPrintable(outcome.reason));
        QCOMPARE(host.questions.size(), 1);
        QCOMPARE(host.questions.constFirst().id, u"call_q"_s);
        QCOMPARE(host.questions.constFirst().text, u"Which file?"_s);
        const QList<QJsonObject> results = host.payloads(agentevents::toolResult);
        QCOMPARE(results.constFirst().value("id"_L1).toString(), u"call_q"_s);
        QCOMPARE(results.constFirst().value("output"_L1).toString(), u"user:grace answered: Fix sum.py."_s);
        QVERIFY(!results.constFirst().value("is_error"_L1).toBool());
        QCOMPARE(m_server->remainingTurns(), 0);
        // Nothing new started: this run was resumed.
        QVERIFY(host.payloads(agentevents::started).isEmpty());
    }

    void handsInAnUnansweredSubmissionWithoutAskingTheModel()
    {
        MemoryHost host;
        const AgentOutcome outcome = resume(startedThen(toolCall(u"call_s"_s, u"submit"_s,
                                                                 { { u"kind"_s, u"report"_s },
                                                                   { u"summary"_s, u"Found it."_s },
                                                                   { u"content"_s, u"# Diagnosis"_s } })),
                                            host);
        QVERIFY2(outcome.status == AgentOutcome::Status::Submitted, qPrintable(outcome.reason));
        QCOMPARE(outcome.submission->kind, u"report"_s);
        QCOMPARE(outcome.submission->summary, u"Found it."_s);
        QCOMPARE(outcome.submission->content, u"# Diagnosis"_s);
        QVERIFY(m_server->requests().isEmpty());
        QCOMPARE(host.payloads(agentevents::toolResult).constFirst().value("output"_L1).toString(),
                 u"Submitted for review."_s);
    }

    void submitsAnUnansweredPlanAgain()
    {
        m_server->setScript({ submitReport(u"user:grace approved the plan"_s) });
        MemoryHost host;
        const AgentOutcome outcome =
            resume(startedThen(toolCall(u"call_p"_s, u"submit"_s,
                                        { { u"kind"_s, u"plan"_s },
                                          { u"summary"_s, u"Fix the operator."_s },
                                          { u"content"_s, u"1. Change - to + in sum.py."_s } })),
                   host, true);
        QVERIFY2(outcome.status == AgentOutcome::Status::Submitted, qPrintable(outcome.reason));
        QCOMPARE(host.planIds, QStringList { u"call_p"_s });
        QCOMPARE(host.payloads(agentevents::planApproved).size(), 1);
        QCOMPARE(outcome.submission->kind, u"report"_s);
        QCOMPARE(m_server->remainingTurns(), 0);
    }

    void answersOtherUnansweredCallsInsteadOfRunningThem()
    {
        m_server->setScript({ submitReport(u"so it was not run again"_s) });
        MemoryHost host;
        const AgentOutcome outcome = resume(
            startedThen(toolCall(u"call_r"_s, u"run"_s, { { u"command"_s, u"rm -rf build"_s } })), host);
        QVERIFY2(outcome.status == AgentOutcome::Status::Submitted, qPrintable(outcome.reason));
        const QJsonObject result = host.payloads(agentevents::toolResult).constFirst();
        QCOMPARE(result.value("id"_L1).toString(), u"call_r"_s);
        QVERIFY(result.value("is_error"_L1).toBool());
        QVERIFY(result.value("resumed"_L1).toBool());
        QVERIFY(host.questions.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTranscriptResume)
#include "tst_transcriptresume.moc"
