// SPDX-License-Identifier: GPL-3.0-or-later
// The delegatectl commands that talk to an engine, run in-process as the
// executable runs them, against a real engine behind a real WebSocket: a
// scripted model provider, real git repositories, real sandboxes.
#include "enginetestsupport.h"

#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"

#include "engine/engineservice.h"
#include "rpc/rpcserver.h"

#include <QBuffer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::cli;
using namespace delegate::test;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;

    QString all() const { return out + err; }
};

std::optional<rpc::Identity> tokens(const QString &token)
{
    if (token == "lead-token"_L1)
        return rpc::Identity { u"ada"_s, Role::Lead };
    if (token == "reviewer-token"_L1)
        return rpc::Identity { u"grace"_s, Role::Reviewer };
    if (token == "auditor-token"_L1)
        return rpc::Identity { u"alan"_s, Role::Auditor };
    return std::nullopt;
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

QJsonObject parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), qPrintable(text));
    return document.object();
}

QString firstRunId(const QString &text)
{
    static const QRegularExpression runId(uR"(run-[0-9a-f]+)"_s);
    return runId.match(text).captured(0);
}

const QByteArray taskYaml = R"(title: Fix add()
objective: Make the failing test in tests/test_sum.py pass without changing the test.
scope:
  repository: ../repos/source-sum-py
verify:
  - python3 -m unittest -q
limits: {steps: 20}
environment: python
)";

const QByteArray environmentYaml = R"(name: python
capabilities:
  repository: write
  tools: [python3]
)";

const QByteArray skillMarkdown = R"(---
name: flaky-check
description: Runs a test command a few times and reports which tests pass and which fail.
---
Run the test command the given number of times and report each test's outcomes.
)";

const QByteArray skillBounds = R"(parameters:
  - name: test_command
    description: the command that runs the tests
    required: true
  - name: runs
    description: how many times to run it
    default: "2"
expected_artifact:
  kind: report
  description: per-test pass and fail counts
required_capabilities:
  repository: write
checkpoint_policy: review-before-action
verify:
  - "{{test_command}}"
playbook:
  - command: "{{test_command}}"
    parser: auto
    repeat: "{{runs}}"
)";

} // namespace

// Fails the test with the command's output unless it exited with code.
#define EXPECT_EXIT(expression, code)                                                                        \
    do {                                                                                                     \
        const Outcome checked = (expression);                                                                \
        QVERIFY2(checked.exitCode == (code),                                                                 \
                 qPrintable(u"exit %1, expected %2\n--- out\n%3--- err\n%4"_s.arg(checked.exitCode)          \
                                .arg(code)                                                                   \
                                .arg(checked.out, checked.err)));                                            \
    } while (false)

class TestRunCommands final : public QObject
{
    Q_OBJECT

private:
    EngineHarness *m_harness = nullptr;
    Engine *m_engine = nullptr;
    rpc::RpcServer *m_server = nullptr;
    QString m_runtimeDir;

    QString path(const QString &relative) const { return m_harness->root.filePath(relative); }

    // delegatectl ARGUMENTS --engine URL --token TOKEN, in-process.
    Outcome ctl(QStringList arguments, const QString &token = u"lead-token"_s)
    {
        if (!token.isEmpty())
            arguments += { u"--engine"_s, m_server->url().toString(), u"--token"_s, token };
        return run(arguments);
    }

    static Outcome run(const QStringList &arguments)
    {
        QBuffer out;
        QBuffer err;
        out.open(QIODevice::WriteOnly);
        err.open(QIODevice::WriteOnly);
        Outcome outcome;
        {
            Console console(&out, &err);
            CommandRegistry registry;
            registerAllCommands(registry);
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

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("DELEGATE_ENGINE_URL");
        qunsetenv("DELEGATE_TOKEN");
        qunsetenv("DELEGATE_TOKEN_FILE");
    }

    void init()
    {
        m_harness = new EngineHarness;
        QVERIFY(m_harness->setUp());
        // No test may find (or start) the user's own engine.
        m_runtimeDir = path(u"runtime"_s);
        qputenv("DELEGATE_RUNTIME_DIR", QFile::encodeName(m_runtimeDir));
        m_engine = new Engine(this);
        const auto opened = QCoro::waitFor(m_engine->open(m_harness->options()));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        m_server = new rpc::RpcServer(tokens, this);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        new EngineService(m_engine, m_server, m_server);
        QVERIFY(writeFile(path(u"tasks/fix-add.yaml"_s), taskYaml));
        QVERIFY(writeFile(path(u"environments/python.yaml"_s), environmentYaml));
    }

    void cleanup()
    {
        delete m_server;
        QCoro::waitFor(m_engine->shutdown(u"test"_s));
        delete m_engine;
        delete m_harness;
        qunsetenv("DELEGATE_RUNTIME_DIR");
    }

    // submit --wait, ls, show, watch, review with a comment, act: one run
    // from its task file to a commit on its branch.
    void aRunFromTaskFileToCommit()
    {
        m_harness->server.setScript({
            editTurn(u"return a - b"_s, u"return a + b"_s),
            submitTurn(u"add() adds now."_s, u"Replaced 1 occurrence"_s),
            editTurn(u"Return the sum of a and b."_s, u"Return a + b, the sum of the operands a and b."_s,
                     u"sum.py:6: Name the operands."_s),
            submitTurn(u"The docstring names the operands."_s, u"Replaced 1 occurrence"_s),
        });
        const Outcome submitted = ctl({ u"submit"_s, path(u"tasks/fix-add.yaml"_s), u"--wait"_s });
        EXPECT_EXIT(submitted, ExitInReview);
        QVERIFY(submitted.out.contains(u"Submitted \"Fix add()\" in environment python"_s));
        const QString runId = firstRunId(submitted.out);
        QVERIFY(!runId.isEmpty());
        QVERIFY(submitted.out.contains(runId + u"  in_review"_s));
        QVERIFY(submitted.out.contains(u"Next: delegatectl show %1 --patch"_s.arg(runId)));

        const Outcome listed = ctl({ u"ls"_s });
        EXPECT_EXIT(listed, ExitOk);
        const QString row = listed.out.split(u'\n').filter(runId).value(0);
        QVERIFY2(row.contains(u"in_review"_s) && row.contains(u"Fix add()"_s) && row.contains(u"python"_s)
                     && row.contains(u"default"_s),
                 qPrintable(listed.out));
        QVERIFY(listed.out.startsWith(u"ID"_s));
        const Outcome none = ctl({ u"ls"_s, u"--state"_s, u"completed"_s });
        EXPECT_EXIT(none, ExitOk);
        QCOMPARE(none.out, u"No runs match.\n"_s);

        // The engine got the repository's absolute path, and gives the patch back.
        const Outcome json = ctl({ u"show"_s, runId, u"--json"_s });
        EXPECT_EXIT(json, ExitOk);
        const QJsonObject detail = parseJson(json.out);
        QCOMPARE(detail.value("run"_L1)
                     .toObject()
                     .value("task"_L1)
                     .toObject()
                     .value("scope"_L1)
                     .toObject()
                     .value("repository"_L1)
                     .toString(),
                 m_harness->repository);
        QVERIFY(detail.value("artifacts"_L1)
                    .toArray()
                    .at(0)
                    .toObject()
                    .value("content"_L1)
                    .toObject()
                    .value("diff"_L1)
                    .toString()
                    .contains(u"+    return a + b"_s));
        const Outcome shown = ctl({ u"show"_s, runId, u"--patch"_s });
        EXPECT_EXIT(shown, ExitOk);
        QVERIFY2(shown.out.contains(u"in_review: "_s) && shown.out.contains(u"Artifacts"_s)
                     && shown.out.contains(u"add() adds now. See the diff. (1 file, +1 -1)"_s)
                     && shown.out.contains(u"Patch v1\n"_s) && shown.out.contains(u"+    return a + b"_s),
                 qPrintable(shown.out));

        // Its history so far, then it stops: the run waits for review.
        const Outcome history = ctl({ u"watch"_s, runId, u"--until-human"_s });
        EXPECT_EXIT(history, ExitInReview);
        QVERIFY2(history.out.contains(u"run.submitted"_s) && history.out.contains(u"tool.call"_s)
                     && history.out.contains(u"edit_file(new_text: return a + b"_s)
                     && history.out.contains(u"running -> in_review"_s)
                     && history.out.contains(runId + u" is in_review"_s),
                 qPrintable(history.out));

        const Outcome changes = ctl({ u"review"_s, runId, u"changes"_s, u"--text"_s, u"Almost."_s,
                                      u"--comment"_s, u"sum.py:6:Name the operands."_s },
                                    u"reviewer-token"_s);
        EXPECT_EXIT(changes, ExitOk);
        QVERIFY2(changes.out.contains(u"Requested changes to v1 of %1 (1 comment)"_s.arg(runId)),
                 qPrintable(changes.out));

        // Live this time: the agent works on the comment and hands in v2.
        const Outcome live = ctl({ u"watch"_s, runId, u"--until-human"_s });
        EXPECT_EXIT(live, ExitInReview);
        QVERIFY2(live.out.contains(u"review.decided"_s)
                     && live.out.contains(u"v1 request_changes (1 comment)"_s)
                     && live.out.contains(u"v2 patch: The docstring names the operands."_s),
                 qPrintable(live.out));

        const Outcome approved =
            ctl({ u"review"_s, runId, u"approve"_s, u"--version"_s, u"2"_s }, u"reviewer-token"_s);
        EXPECT_EXIT(approved, ExitOk);
        QVERIFY(approved.out.contains(u"Approved v2 of %1; the run is approved."_s.arg(runId)));

        const Outcome preview = ctl({ u"act"_s, runId, u"--dry-run"_s, u"git.branch"_s,
                                      u"message=Fix add()"_s, u"git.push"_s, u"remote=origin"_s },
                                    u"reviewer-token"_s);
        // Each preview sees the repository as it is: the push has nothing to
        // push yet, and this repository has no remote. That is no failure.
        EXPECT_EXIT(preview, ExitOk);
        QVERIFY2(preview.out.contains(u"Preview of 2 action(s)"_s)
                     && preview.out.contains(u"  ok      git.branch"_s)
                     && preview.out.contains(u"  problem git.push"_s),
                 qPrintable(preview.out));
        QCOMPARE(stateOf(*m_engine, runId), RunState::Approved);

        const Outcome acted =
            ctl({ u"act"_s, runId, u"git.branch"_s, u"message=Fix add()"_s }, u"reviewer-token"_s);
        EXPECT_EXIT(acted, ExitOk);
        QVERIFY2(acted.out.contains(u"The run is completed."_s), qPrintable(acted.out));
        QByteArray commit;
        QVERIFY(gitOutput(m_harness->repository, { u"show"_s, u"delegate/"_s + runId }, &commit));
        QVERIFY2(commit.contains("+    return a + b") && commit.contains("Fix add()"), commit.constData());

        const Outcome completed = ctl({ u"ls"_s, u"--state"_s, u"completed"_s });
        QVERIFY(completed.out.contains(runId));
        const Outcome after = ctl({ u"show"_s, runId });
        QVERIFY2(after.out.contains(u"Reviews"_s) && after.out.contains(u"sum.py:6: Name the operands."_s)
                     && after.out.contains(u"Actions"_s) && after.out.contains(u"ok      git.branch"_s),
                 qPrintable(after.out));
    }

    void answersAQuestion()
    {
        m_harness->server.setScript({
            askTurn(u"Should I fix sum.py or the test?"_s),
            editTurn(u"return a - b"_s, u"return a + b"_s, u"user:grace answered: Fix sum.py"_s),
            submitTurn(u"add() adds now."_s, u"Replaced 1 occurrence"_s),
        });
        // The environment beside the task file this time.
        QVERIFY(QFile::rename(path(u"environments/python.yaml"_s), path(u"tasks/python.yaml"_s)));
        const Outcome submitted = ctl({ u"submit"_s, path(u"tasks/fix-add.yaml"_s) });
        EXPECT_EXIT(submitted, ExitOk);
        const QString runId = firstRunId(submitted.out);
        QVERIFY(submitted.out.contains(u"Watch it with: delegatectl watch "_s + runId));

        EXPECT_EXIT(ctl({ u"watch"_s, runId, u"--until-human"_s }), ExitWaitingForHuman);
        const Outcome open = ctl({ u"checkpoints"_s }, u"auditor-token"_s);
        EXPECT_EXIT(open, ExitOk);
        QVERIFY2(open.out.contains(u"question"_s) && open.out.contains(u"Should I fix sum.py or the test?"_s),
                 qPrintable(open.out));
        const QJsonArray listed = parseJson(ctl({ u"checkpoints"_s, u"--run"_s, runId, u"--json"_s }).out)
                                      .value("checkpoints"_L1)
                                      .toArray();
        QCOMPARE(listed.size(), 1);
        const QString checkpointId = listed.at(0).toObject().value("id"_L1).toString();
        QVERIFY(open.out.contains(checkpointId));

        const Outcome answered =
            ctl({ u"answer"_s, checkpointId, u"Fix"_s, u"sum.py,"_s, u"the test is right."_s },
                u"reviewer-token"_s);
        EXPECT_EXIT(answered, ExitOk);
        QCOMPARE(answered.out, u"Answered %1 as user:grace.\n"_s.arg(checkpointId));
        const Outcome again = ctl({ u"answer"_s, checkpointId, u"No, the test."_s });
        EXPECT_EXIT(again, ExitConflict);
        QVERIFY(again.err.startsWith(u"delegatectl answer: "_s));

        EXPECT_EXIT(ctl({ u"watch"_s, runId, u"--until-human"_s }), ExitInReview);
        QCOMPARE(ctl({ u"checkpoints"_s }).out, u"No checkpoints are waiting for a person.\n"_s);
        const Outcome all = ctl({ u"checkpoints"_s, u"--all"_s, u"--run"_s, runId });
        QVERIFY2(all.out.contains(u"answer: Fix sum.py, the test is right."_s), qPrintable(all.out));
    }

    void steersPausesAndCancels()
    {
        m_harness->server.setScript({ askTurn(u"Which file?"_s) });
        const Outcome submitted =
            ctl({ u"submit"_s, path(u"tasks/fix-add.yaml"_s), u"--priority"_s, u"5"_s });
        EXPECT_EXIT(submitted, ExitOk);
        const QString runId = firstRunId(submitted.out);
        EXPECT_EXIT(ctl({ u"watch"_s, runId, u"--until-human"_s }), ExitWaitingForHuman);

        const Outcome steered = ctl({ u"steer"_s, runId, u"Look"_s, u"at"_s, u"sum.py"_s, u"first."_s });
        EXPECT_EXIT(steered, ExitOk);
        EXPECT_EXIT(ctl({ u"pause"_s, runId, u"--reason"_s, u"lunch"_s }), ExitOk);
        EXPECT_EXIT(ctl({ u"pause"_s, runId }), ExitConflict);
        EXPECT_EXIT(ctl({ u"resume"_s, runId }), ExitOk);
        const QString workspace = parseJson(ctl({ u"show"_s, runId, u"--json"_s }).out)
                                      .value("workspace"_L1)
                                      .toObject()
                                      .value("directory"_L1)
                                      .toString();
        QVERIFY(QFileInfo::exists(workspace));
        const Outcome cancelled = ctl({ u"cancel"_s, runId, u"--reason"_s, u"Not needed any more."_s });
        EXPECT_EXIT(cancelled, ExitOk);
        QCOMPARE(cancelled.out, u"Cancelled %1. It is cancelled.\n"_s.arg(runId));
        EXPECT_EXIT(ctl({ u"cancel"_s, runId }), ExitConflict);
        // The engine removes the workspace after it answered; the test's
        // repository must outlive that.
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(workspace), 30000);

        // An ended run: its whole history at once, and what it came to.
        const Outcome watched = ctl({ u"watch"_s, runId });
        EXPECT_EXIT(watched, ExitCancelled);
        QVERIFY2(watched.out.contains(u"run.steered"_s) && watched.out.contains(u"Look at sum.py first."_s)
                     && watched.out.contains(u"run.paused"_s) && watched.out.contains(u"lunch"_s)
                     && watched.out.contains(runId + u" is cancelled: Not needed any more."_s),
                 qPrintable(watched.out));
        const Outcome lines = ctl({ u"watch"_s, runId, u"--json"_s });
        EXPECT_EXIT(lines, ExitCancelled);
        for (const QString &line : lines.out.split(u'\n', Qt::SkipEmptyParts))
            QCOMPARE(parseJson(line).value("run_id"_L1).toString(), runId);
        const Outcome shown = ctl({ u"show"_s, runId });
        QVERIFY2(shown.out.contains(u"cancelled: Not needed any more."_s)
                     && shown.out.contains(u"Steering"_s),
                 qPrintable(shown.out));
    }

    // A playbook skill needs no model: one run per target line, one batch.
    void runsABatch()
    {
        QVERIFY(writeFile(path(u"skills/flaky-check/SKILL.md"_s), skillMarkdown));
        QVERIFY(writeFile(path(u"skills/flaky-check/delegate.yaml"_s), skillBounds));
        QVERIFY(writeFile(
            path(u"tasks/commands.txt"_s),
            "# one test command a line\npython3 -m unittest -v\n\npython3 -m unittest -v tests.test_sum\n"));
        QVERIFY(writeFile(path(u"tasks/targets.csv"_s),
                          "test_command,repository\n\"python3 -m unittest -v\",../repos/source-sum-py\n"));
        const QStringList common { u"batch"_s, path(u"skills/flaky-check"_s), u"--env"_s,
                                   path(u"environments/python.yaml"_s) };

        const Outcome planned = ctl(common
                                    + QStringList { u"--targets"_s, path(u"tasks/targets.csv"_s),
                                                    u"--param"_s, u"runs=3"_s, u"--dry-run"_s, u"--json"_s });
        EXPECT_EXIT(planned, ExitOk);
        const QJsonObject task = parseJson(planned.out).value("tasks"_L1).toArray().at(0).toObject();
        QCOMPARE(task.value("title"_L1).toString(), u"flaky-check: python3 -m unittest -v, 3"_s);
        QCOMPARE(task.value("scope"_L1).toObject().value("repository"_L1).toString(), m_harness->repository);
        QCOMPARE(task.value("agent"_L1).toObject().value("runtime"_L1).toString(), u"playbook"_s);
        QCOMPARE(task.value("expected_artifact"_L1).toObject().value("kind"_L1).toString(), u"report"_s);
        QCOMPARE(task.value("checkpoint_policy"_L1).toString(), u"review-before-action"_s);
        QCOMPARE(task.value("verify"_L1).toArray().at(0).toString(), u"python3 -m unittest -v"_s);
        QCOMPARE(
            task.value("skill"_L1).toObject().value("parameters"_L1).toObject().value("runs"_L1).toString(),
            u"3"_s);

        const Outcome batch =
            ctl(common
                + QStringList { u"--targets"_s, path(u"tasks/commands.txt"_s), u"--param"_s,
                                u"repository=../repos/source-sum-py"_s, u"--budget"_s, u"5"_s, u"--wait"_s });
        EXPECT_EXIT(batch, ExitInReview);
        QVERIFY2(batch.out.contains(
                     u"2 task(s) from skill flaky-check in environment python, batch budget $5.00"_s)
                     && batch.out.contains(u"flaky-check: python3 -m unittest -v tests.test_sum"_s)
                     && batch.out.contains(u"  line 2  run-"_s) && batch.out.contains(u"  line 4  run-"_s),
                 qPrintable(batch.out));
        static const QRegularExpression batchId(uR"(Submitted batch (batch-[0-9a-f]+): 2 run\(s\))"_s);
        const QString id = batchId.match(batch.out).captured(1);
        QVERIFY2(!id.isEmpty(), qPrintable(batch.out));
        const QJsonArray runs =
            parseJson(ctl({ u"ls"_s, u"--batch"_s, id, u"--json"_s }).out).value("runs"_L1).toArray();
        QCOMPARE(runs.size(), 2);
        for (const QJsonValue &run : runs) {
            QCOMPARE(run.toObject().value("state"_L1).toString(), u"in_review"_s);
            QCOMPARE(run.toObject().value("artifact_kind"_L1).toString(), u"report"_s);
        }
        const Outcome detail =
            ctl({ u"show"_s, runs.at(0).toObject().value("id"_L1).toString(), u"--json"_s });
        QCOMPARE(parseJson(detail.out).value("batch_budget_usd"_L1).toDouble(), 5.0);

        // A report needs no action: approved, then completed without any.
        const QString first = runs.at(0).toObject().value("id"_L1).toString();
        const QString workspace = parseJson(ctl({ u"show"_s, first, u"--json"_s }).out)
                                      .value("workspace"_L1)
                                      .toObject()
                                      .value("directory"_L1)
                                      .toString();
        QVERIFY(QFileInfo::exists(workspace));
        EXPECT_EXIT(ctl({ u"review"_s, first, u"approve"_s }), ExitOk);
        const Outcome completed = ctl({ u"act"_s, first });
        EXPECT_EXIT(completed, ExitOk);
        QCOMPARE(completed.out, u"No actions given: the run completes without actions.\n"_s);
        QCOMPARE(stateOf(*m_engine, first), RunState::Completed);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(workspace), 30000);

        const Outcome status = ctl({ u"engine"_s, u"status"_s }, u"auditor-token"_s);
        EXPECT_EXIT(status, ExitOk);
        QVERIFY2(status.out.contains(u"you         alan (auditor)"_s)
                     && status.out.contains(u"providers   openai (default)"_s)
                     && status.out.contains(u"runs        1 in_review, 1 completed"_s),
                 qPrintable(status.out));
        QCOMPARE(parseJson(ctl({ u"engine"_s, u"status"_s, u"--json"_s }).out)
                     .value("protocol_version"_L1)
                     .toInt(),
                 1);
    }

    void refusesWithTheRightCode_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addRow("an auditor reviews")
            << QStringList { u"review"_s, u"run-1"_s, u"approve"_s } << u"auditor-token"_s
            << int(ExitForbidden) << u"delegatectl review: "_s;
        QTest::addRow("an auditor submits")
            << QStringList { u"submit"_s, u"%ROOT%/tasks/fix-add.yaml"_s } << u"auditor-token"_s
            << int(ExitForbidden) << u"delegatectl submit: "_s;
        QTest::addRow("a reviewer cancels") << QStringList { u"cancel"_s, u"run-1"_s } << u"reviewer-token"_s
                                            << int(ExitForbidden) << u"delegatectl cancel: "_s;
        QTest::addRow("an unknown run")
            << QStringList { u"show"_s, u"run-nope"_s } << u"lead-token"_s << int(ExitNotFound)
            << u"delegatectl show: there is no run 'run-nope'."_s;
        QTest::addRow("an unknown checkpoint")
            << QStringList { u"answer"_s, u"run-nope:call_1"_s, u"yes"_s } << u"lead-token"_s
            << int(ExitNotFound) << u"delegatectl answer: "_s;
        QTest::addRow("an unknown token")
            << QStringList { u"ls"_s } << u"guessed"_s << int(ExitUnauthenticated) << u"delegatectl ls: "_s;
    }
    void refusesWithTheRightCode()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, token);
        QFETCH(int, code);
        QFETCH(QString, message);
        const QString root = m_harness->root.path();
        for (QString &argument : arguments)
            argument.replace(u"%ROOT%"_s, root);
        message.replace(u"%ROOT%"_s, root);
        const Outcome outcome = ctl(arguments, token);
        EXPECT_EXIT(outcome, code);
        QVERIFY2(outcome.err.contains(message), qPrintable(outcome.err));
        QVERIFY(outcome.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunCommands)
#include "tst_runcommands.moc"
