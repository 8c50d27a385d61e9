// SPDX-License-Identifier: GPL-3.0-or-later
// A run's audit trail from a real engine (store, git worktree, bubblewrap,
// the scripted model provider) read over the real protocol: a command that
// fails, a question answered, changes requested on v1, v2 approved and an
// action run. Every element is in the trail, in the order it happened, and
// the HTML report keeps an agent's markup as text.
#include "enginetestsupport.h"

#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"

#include "audit/audittrail.h"
#include "audit/audittrailhtml.h"
#include "audit/audittrailloader.h"
#include "engine/engineservice.h"
#include "rpc/rpcclient.h"
#include "rpc/rpcserver.h"

#include <QBuffer>
#include <QCoro/QCoroTask>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;

namespace {

const QString agentMarkup = u"<script>alert('trail')</script> I run the tests first."_s;

Decision person(const QString &decider, Decision::Verdict verdict, const QString &text)
{
    Decision decision;
    decision.decider = decider;
    decision.role = Role::Reviewer;
    decision.verdict = verdict;
    decision.text = text;
    return decision;
}

std::optional<rpc::Identity> tokens(const QString &token)
{
    if (token == "auditor-token"_L1)
        return rpc::Identity { u"alan"_s, Role::Auditor };
    return std::nullopt;
}

// Where in the entries the first one of a kind with a heading containing
// the text is; -1 when there is none.
qsizetype indexOf(const AuditTrail &trail, AuditEntry::Kind kind, const QString &text = {})
{
    for (qsizetype i = 0; i < trail.entries.size(); ++i) {
        const AuditEntry &entry = trail.entries.at(i);
        if (entry.kind == kind
            && QString(entry.heading + u' ' + entry.text + u' ' + entry.code).contains(text))
            return i;
    }
    return -1;
}

struct CtlOutcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

// delegatectl ARGUMENTS, in-process as the executable runs them.
CtlOutcome ctl(const QStringList &arguments)
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    CtlOutcome outcome;
    {
        cli::Console console(&out, &err);
        cli::CommandRegistry registry;
        cli::registerAllCommands(registry);
        outcome.exitCode = QCoro::waitFor(registry.dispatch(arguments, console));
        console.out().flush();
        console.err().flush();
    }
    outcome.out = QString::fromUtf8(out.data());
    outcome.err = QString::fromUtf8(err.data());
    if (qEnvironmentVariableIsSet("DELEGATE_TEST_VERBOSE"))
        qInfo().noquote() << "delegatectl" << arguments.join(u' ') << "->" << outcome.exitCode << '\n'
                          << outcome.out << outcome.err;
    return outcome;
}

} // namespace

class TestAuditTrail final : public QObject
{
    Q_OBJECT

private:
    EngineHarness m_harness;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<rpc::RpcServer> m_server;
    QString m_runId;
    AuditTrail m_trail;

private Q_SLOTS:
    // One run goes through everything once; the tests read its trail.
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_harness.setUp());
        QJsonObject firstTurn = turn({ call(u"run"_s, { { u"command"_s, u"python3 -m unittest -q"_s } }) });
        firstTurn.insert(u"text"_s, agentMarkup);
        m_harness.server.setScript({
            firstTurn,
            askTurn(u"Should I fix sum.py or the test?"_s),
            editTurn(u"return a - b"_s, u"return a + b"_s, u"Fix sum.py"_s),
            submitTurn(u"add() subtracted; it adds now."_s),
            editTurn(u"Return the sum of a and b."_s, u"Return a + b, the sum of the operands a and b."_s,
                     u"sum.py:6: Name the operands."_s),
            submitTurn(u"The docstring names the operands."_s),
        });
        m_engine = std::make_unique<Engine>();
        const auto opened = QCoro::waitFor(m_engine->open(m_harness.options()));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        const auto submitted = QCoro::waitFor(m_engine->submit(m_harness.fixTheTest(), u"user:ada"_s));
        QVERIFY(submitted.ok());
        m_runId = submitted.value().constFirst();

        DELEGATE_WAIT_FOR_STATE(*m_engine, m_runId, RunState::WaitingForHuman);
        const QString question = m_engine->state().run(m_runId)->checkpoints.constFirst().checkpoint.id;
        QVERIFY(QCoro::waitFor(m_engine->answerCheckpoint(question,
                                                          person(u"user:grace"_s, Decision::Verdict::Answer,
                                                                 u"Fix sum.py; the test is right."_s)))
                    .ok());
        DELEGATE_WAIT_FOR_STATE(*m_engine, m_runId, RunState::InReview);
        ReviewRequest changes;
        changes.verdict = Decision::Verdict::RequestChanges;
        changes.text = u"Almost."_s;
        changes.comments = { { u"sum.py"_s, 6, u"Name the operands."_s } };
        QVERIFY(QCoro::waitFor(m_engine->review(m_runId, changes, u"user:grace"_s, Role::Reviewer)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state().run(m_runId)->artifacts.size(), 2, 60000);
        DELEGATE_WAIT_FOR_STATE(*m_engine, m_runId, RunState::InReview);
        QVERIFY(QCoro::waitFor(m_engine->review(m_runId, ReviewRequest {}, u"user:ada"_s, Role::Lead)).ok());
        ActRequest commit;
        commit.steps = { { u"git.branch"_s, { { u"message"_s, u"Fix add()"_s } } } };
        const auto acted = QCoro::waitFor(m_engine->act(m_runId, commit, u"user:ada"_s, Role::Lead));
        QVERIFY(acted.ok());
        QCOMPARE(stateOf(*m_engine, m_runId), RunState::Completed);

        // Read back as an auditor would, page by page over the protocol.
        m_server = std::make_unique<rpc::RpcServer>(tokens);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        new EngineService(m_engine.get(), m_server.get(), m_server.get());
        rpc::RpcClient client;
        QVERIFY(!QCoro::waitFor(client.connectTo(m_server->url(), u"auditor-token"_s)).error);
        QList<qsizetype> progress;
        const auto caller = [&client](QString method, QJsonObject params) {
            return client.call(std::move(method), std::move(params));
        };
        const auto loaded = QCoro::waitFor(
            AuditTrailLoader::load(caller, m_runId, [&](qsizetype read) { progress.append(read); }));
        QVERIFY2(std::holds_alternative<AuditTrail>(loaded),
                 std::holds_alternative<AuditTrail>(loaded)
                     ? ""
                     : qPrintable(std::get<rpc::RpcError>(loaded).message));
        m_trail = std::get<AuditTrail>(loaded);
        QVERIFY(!progress.isEmpty());
        const auto all = m_engine->events(m_runId, 0, 1000);
        QCOMPARE(progress.constLast(), all.value().size());
        QCOMPARE(m_trail.firstEvent->sequence, all.value().constFirst().sequence);
        QCOMPARE(m_trail.lastEvent->hash, all.value().constLast().hash);
    }

    void cleanupTestCase()
    {
        m_server.reset();
        if (m_engine)
            QCoro::waitFor(m_engine->shutdown(u"test"_s));
    }

    void headerAndBoundsAreAsSubmitted()
    {
        QCOMPARE(m_trail.runId, m_runId);
        QCOMPARE(m_trail.title, u"Fix add()"_s);
        QCOMPARE(m_trail.state, u"completed"_s);
        QCOMPARE(m_trail.submittedBy, u"user:ada"_s);
        QVERIFY(m_trail.taskYaml.contains(u"objective: Make the failing test"_s));
        QVERIFY(m_trail.taskYaml.contains(u"python3 -m unittest -q"_s));
        QCOMPARE(m_trail.environmentName, u"python"_s);
        const auto grant = [this](const QString &name) {
            for (const auto &[key, value] : m_trail.grants) {
                if (key == name)
                    return value;
            }
            return QString();
        };
        QCOMPARE(grant(u"repository"_s), u"write"_s);
        QCOMPARE(grant(u"network"_s), u"none"_s);
        QCOMPARE(grant(u"tools"_s), u"python3"_s);
        QCOMPARE(grant(u"secrets"_s), u"none"_s);
        QVERIFY(m_trail.tokensIn > 0);
    }

    void everyElementInOrder()
    {
        using Kind = AuditEntry::Kind;
        const qsizetype submitted = indexOf(m_trail, Kind::Submission);
        const qsizetype provisioned = indexOf(m_trail, Kind::Workspace);
        const qsizetype message = indexOf(m_trail, Kind::Message, agentMarkup);
        const qsizetype command = indexOf(m_trail, Kind::ToolCall, u"$ python3 -m unittest -q"_s);
        const qsizetype question = indexOf(m_trail, Kind::Checkpoint, u"Should I fix sum.py"_s);
        const qsizetype answered = indexOf(m_trail, Kind::Decision, u"user:grace"_s);
        const qsizetype edit = indexOf(m_trail, Kind::ToolCall, u"edit_file"_s);
        const qsizetype v1 = indexOf(m_trail, Kind::Artifact, u"Version 1"_s);
        const qsizetype changes = indexOf(m_trail, Kind::Review, u"version 1"_s);
        const qsizetype v2 = indexOf(m_trail, Kind::Artifact, u"Version 2"_s);
        const qsizetype approved = indexOf(m_trail, Kind::Review, u"version 2"_s);
        const qsizetype action = indexOf(m_trail, Kind::Action, u"git.branch"_s);
        const qsizetype completed = indexOf(m_trail, Kind::State, u"completed"_s);
        const QList<qsizetype> order { submitted, provisioned, message, command,  question, answered, edit,
                                       v1,        changes,     v2,      approved, action,   completed };
        for (qsizetype i = 0; i < order.size(); ++i)
            QVERIFY2(order.at(i) >= 0, qPrintable(u"element %1 of the story is missing"_s.arg(i)));
        QVERIFY2(std::is_sorted(order.cbegin(), order.cend()), "the trail is out of order");
        for (qsizetype i = 1; i < m_trail.entries.size(); ++i)
            QVERIFY(m_trail.entries.at(i - 1).sequence < m_trail.entries.at(i).sequence);

        // The command's result is folded into its call.
        const AuditEntry &run = m_trail.entries.at(command);
        QCOMPARE(run.outcome, u"exit 1"_s);
        QVERIFY(run.failed);
        QVERIFY2(run.code.contains(u"FAILED"_s) || run.code.contains(u"AssertionError"_s),
                 qPrintable(run.code));
        QCOMPARE(m_trail.entries.at(answered).outcome, u"answer"_s);
        QCOMPARE(m_trail.entries.at(changes).outcome, u"request_changes"_s);
        QVERIFY(m_trail.entries.at(changes).code.contains(u"sum.py:6: Name the operands."_s));
        QCOMPARE(m_trail.entries.at(approved).outcome, u"approve"_s);
        QCOMPARE(m_trail.entries.at(action).outcome, u"done"_s);
    }

    void checkpointsArtifactsAndActionsSayWhoDecided()
    {
        QCOMPARE(m_trail.checkpoints.size(), 1);
        const AuditCheckpoint &question = m_trail.checkpoints.constFirst();
        QCOMPARE(question.kind, u"question"_s);
        QCOMPARE(question.decider, u"user:grace"_s);
        QCOMPARE(question.answer, u"Fix sum.py; the test is right."_s);
        QVERIFY(question.decidedAt >= question.openedAt);

        QCOMPARE(m_trail.artifacts.size(), 2);
        QCOMPARE(m_trail.artifacts.at(0).verdict, u"request_changes"_s);
        QCOMPARE(m_trail.artifacts.at(0).reviewer, u"user:grace"_s);
        QCOMPARE(m_trail.artifacts.at(0).comments, QStringList { u"sum.py:6: Name the operands."_s });
        QCOMPARE(m_trail.artifacts.at(1).verdict, u"approve"_s);
        QCOMPARE(m_trail.artifacts.at(1).reviewer, u"user:ada"_s);
        QCOMPARE(m_trail.artifacts.at(1).stats, u"1 file(s), +2 −2"_s);

        QCOMPARE(m_trail.actions.size(), 1);
        QCOMPARE(m_trail.actions.constFirst().kind, u"git.branch"_s);
        QVERIFY(m_trail.actions.constFirst().ok);
        QCOMPARE(m_trail.actions.constFirst().releasedBy, u"user:ada"_s);
    }

    void htmlIsSelfContainedAndEscaped()
    {
        const QString html = audittrailhtml::render(m_trail);
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        // The agent's markup is text, not markup.
        QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(html.contains(u"&lt;script&gt;alert(&#39;trail&#39;)&lt;/script&gt;"_s)
                || html.contains(u"&lt;script&gt;alert('trail')&lt;/script&gt;"_s));
        // Nothing to fetch: no links to resources, no scripts, no remote styles.
        static const QRegularExpression fetches(
            u"<(link|img|iframe|object|embed)\\b|\\bsrc=|url\\(|@import"_s,
            QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(!fetches.match(html).hasMatch(), qPrintable(fetches.match(html).captured()));
        QVERIFY(html.contains(u"<style>"_s));
        // Every section, who decided, and the chain's anchors.
        for (const QString &section : { u"Task bounds as submitted"_s, u"Environment and grants"_s,
                                        u"Checkpoints"_s, u"Artifact versions"_s, u"Actions"_s,
                                        u"Everything that happened, in order"_s, u"Hash chain"_s })
            QVERIFY2(html.contains(section), qPrintable(section));
        QVERIFY(html.contains(u"user:grace"_s));
        QVERIFY(html.contains(m_trail.firstEvent->hash));
        QVERIFY(html.contains(m_trail.lastEvent->hash));
    }

    void delegatectlPrintsAndWritesTheTrail()
    {
        const QStringList engine { u"--engine"_s, m_server->url().toString(), u"--token"_s,
                                   u"auditor-token"_s };
        const CtlOutcome printed = ctl(QStringList { u"audit"_s, u"trail"_s, m_runId } + engine);
        QVERIFY2(printed.exitCode == cli::ExitOk, qPrintable(printed.err));
        QVERIFY(printed.out.startsWith(u"Audit trail of %1: Fix add()"_s.arg(m_runId)));
        QVERIFY(printed.out.contains(u"$ python3 -m unittest -q"_s));
        QVERIFY(printed.out.contains(u"Decided by user:grace (reviewer) [answer]"_s));
        QVERIFY(printed.out.contains(u"Action git.branch [done]"_s));
        QVERIFY(printed.out.contains(m_trail.lastEvent->hash));

        const CtlOutcome json = ctl(QStringList { u"audit"_s, u"trail"_s, m_runId, u"--json"_s } + engine);
        QCOMPARE(json.exitCode, int(cli::ExitOk));
        const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(object.value("run_id"_L1).toString(), m_runId);
        QCOMPARE(object.value("entries"_L1).toArray().size(), m_trail.entries.size());

        QTemporaryDir folder;
        const QString report = folder.filePath(u"trail.html"_s);
        const CtlOutcome written =
            ctl(QStringList { u"audit"_s, u"trail"_s, m_runId, u"--html"_s, report } + engine);
        QVERIFY2(written.exitCode == cli::ExitOk, qPrintable(written.err));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(html.contains(u"&lt;script&gt;"_s));
        QVERIFY(!html.contains(u"<script"_s));

        const CtlOutcome unknown = ctl(QStringList { u"audit"_s, u"trail"_s, u"run-nope"_s } + engine);
        QCOMPARE(unknown.exitCode, int(cli::ExitNotFound));
        QVERIFY(unknown.err.contains(u"run-nope"_s));
        const CtlOutcome nowhere = ctl(QStringList { u"audit"_s, u"trail"_s, m_runId, u"--html"_s,
                                                     folder.filePath(u"no/such/folder/trail.html"_s) }
                                       + engine);
        QCOMPARE(nowhere.exitCode, int(cli::ExitInputError));
        QVERIFY(nowhere.err.contains(u"cannot write"_s));
    }

    // stats.figures over the protocol, against what the engine's own
    // state says of the run.
    void figuresOfTheRun()
    {
        rpc::RpcClient client;
        QVERIFY(!QCoro::waitFor(client.connectTo(m_server->url(), u"auditor-token"_s)).error);
        const RunRecord *record = m_engine->state().run(m_runId);
        const QString day = record->run.createdAt.toUTC().date().toString(Qt::ISODate);
        const rpc::RpcOutcome outcome = QCoro::waitFor(client.call(
            u"stats.figures"_s, { { u"from"_s, day }, { u"to"_s, day }, { u"group_by"_s, u"day"_s } }));
        QVERIFY2(!outcome.error, outcome.error ? qPrintable(outcome.error->message) : "");
        const QJsonObject figures = outcome.result.toObject();
        const QJsonObject totals = figures.value("totals"_L1).toObject();
        QCOMPARE(totals.value("runs"_L1).toInt(), 1);
        QCOMPARE(totals.value("reviewed"_L1).toInt(), 1);
        const double toReview =
            record->run.createdAt.msecsTo(record->reviews.constFirst().decidedAt) / 1000.0;
        QCOMPARE(totals.value("median_seconds_to_review"_L1).toDouble(), toReview);
        QVERIFY(record->waitedForHumanMs > 0);
        QCOMPARE(totals.value("waiting_for_human_seconds"_L1).toDouble(), record->waitedForHumanMs / 1000.0);
        // Changes were requested on version 1: not a first pass.
        QCOMPARE(totals.value("first_pass_rate"_L1).toDouble(), 0.0);
        const QJsonObject period = figures.value("periods"_L1).toArray().at(0).toObject();
        QCOMPARE(period.value("outcomes"_L1).toObject().value("completed"_L1).toInt(), 1);
        QCOMPARE(figures.value("cost_by_agent"_L1).toArray().at(0).toObject().value("name"_L1).toString(),
                 u"builtin · openai/scripted-model"_s);

        const rpc::RpcOutcome wrong =
            QCoro::waitFor(client.call(u"stats.figures"_s, { { u"group_by"_s, u"month"_s } }));
        QVERIFY(wrong.error);
        QCOMPARE(wrong.error->code, int(rpc::InvalidParams));
    }

    void aMissingRunIsAnError()
    {
        rpc::RpcClient client;
        QVERIFY(!QCoro::waitFor(client.connectTo(m_server->url(), u"auditor-token"_s)).error);
        const auto caller = [&client](QString method, QJsonObject params) {
            return client.call(std::move(method), std::move(params));
        };
        const auto loaded = QCoro::waitFor(AuditTrailLoader::load(caller, u"run-nope"_s));
        QVERIFY(std::holds_alternative<rpc::RpcError>(loaded));
        QCOMPARE(std::get<rpc::RpcError>(loaded).code, int(rpc::NotFound));
        QVERIFY(std::get<rpc::RpcError>(loaded).message.contains(u"run-nope"_s));
    }
};

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audittrail.moc"
