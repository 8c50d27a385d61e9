// SPDX-License-Identifier: GPL-3.0-or-later
// delegated and delegatectl as processes, as people use them: a task goes
// from submission through a question, a review with a line comment and a
// second version to approval, and its patch is committed, pushed to a bare
// remote and proposed as a pull request; an engine killed with SIGKILL while
// three runs work is restarted and finishes them with nothing acknowledged
// lost; callers without a token, or with one whose role does not allow it,
// are refused.
#include "daemonharness.h"

#include "rpc/localengine.h"

#include <QCoro/QCoroTask>
#include <QCoro/QCoroWebSocket>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QWebSocket>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;

namespace {

const QString reviewerToken = u"reviewer-token-for-grace"_s;
const QString auditorToken = u"auditor-token-for-alan"_s;

QJsonObject toolCall(const QString &name, const QJsonObject &arguments)
{
    return { { u"name"_s, name }, { u"arguments"_s, arguments } };
}

// One scripted model turn; `when` routes it to the run whose prompt has the text.
QJsonObject turn(const QJsonObject &call, const QString &expect = {}, const QString &when = {})
{
    QJsonObject object { { u"tool_calls"_s, QJsonArray { call } } };
    if (!expect.isEmpty())
        object.insert(u"expect_contains"_s, expect);
    if (!when.isEmpty())
        object.insert(u"when_contains"_s, when);
    return object;
}

QJsonObject editCall(const QString &oldText, const QString &newText)
{
    return toolCall(u"edit_file"_s,
                    { { u"path"_s, u"sum.py"_s }, { u"old_text"_s, oldText }, { u"new_text"_s, newText } });
}

QJsonObject submitCall(const QString &summary)
{
    return toolCall(
        u"submit"_s,
        { { u"kind"_s, u"patch"_s }, { u"summary"_s, summary }, { u"content"_s, u"See the diff."_s } });
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

// A task YAML whose repository is given relative to the task file, as
// people write them next to their code.
QByteArray taskYaml(const QString &title, const QString &objective)
{
    return "title: " + title.toUtf8()
        + "\n"
          "objective: "
        + objective.toUtf8()
        + "\n"
          "scope:\n"
          "  repository: ../repos/sum-py\n"
          "  base_ref: main\n"
          "verify: [python3 -m unittest -q]\n"
          "limits:\n"
          "  steps: 20\n"
          "environment: python\n"
          "agent:\n"
          "  runtime: builtin\n"
          "  provider: openai\n"
          "  model: scripted-model\n";
}

const QByteArray environmentYaml = "name: python\n"
                                   "sandbox: local\n"
                                   "capabilities:\n"
                                   "  repository: write\n"
                                   "  tools: [python3]\n";

QJsonObject jsonOf(const CommandResult &result)
{
    return QJsonDocument::fromJson(result.out).object();
}

QJsonObject call(rpc::RpcClient &client, const QString &method, const QJsonObject &params = {})
{
    const rpc::RpcOutcome outcome = QCoro::waitFor(client.call(method, params));
    if (outcome.error)
        qWarning().noquote() << method << "failed:" << outcome.error->message;
    return outcome.result.toObject();
}

// Every event of the store, page by page.
QList<QJsonObject> allEvents(rpc::RpcClient &client)
{
    QList<QJsonObject> events;
    qint64 after = 0;
    for (;;) {
        const QJsonObject page =
            call(client, u"runs.events"_s, { { u"after_sequence"_s, after }, { u"limit"_s, 1000 } });
        const QJsonArray batch = page.value("events"_L1).toArray();
        if (batch.isEmpty())
            return events;
        for (const QJsonValue &event : batch)
            events.append(event.toObject());
        after = page.value("last_sequence"_L1).toInteger();
    }
}

} // namespace

class TestDaemon final : public QObject
{
    Q_OBJECT

private:
    QMap<QString, QString> as(const QString &token) const
    {
        return { { u"DELEGATE_ENGINE_URL"_s, m_url }, { u"DELEGATE_TOKEN"_s, token } };
    }

    QString m_url;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void publishesPrivatelyAndRefusesStrangers()
    {
        DaemonHarness harness;
        QVERIFY(harness.setUp());
        harness.addToken(u"alan"_s, u"auditor"_s, auditorToken);
        QVERIFY2(harness.startDaemon(), qPrintable(harness.daemonLog()));

        // Only the user can read where the engine is and its token.
        const rpc::LocalEngineDirectory directory(harness.runtimeDirectory());
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(directory.path()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0700u);
        QCOMPARE(::stat(QFile::encodeName(directory.tokenFile()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        const auto published = directory.read();
        QVERIFY(published.endpoint);

        // A connection that does not authenticate first is answered
        // "unauthenticated" and closed.
        QWebSocket socket;
        QVERIFY(QCoro::waitFor(qCoro(socket).open(published.endpoint->url, std::chrono::seconds(10))));
        QSignalSpy answers(&socket, &QWebSocket::textMessageReceived);
        QSignalSpy closed(&socket, &QWebSocket::disconnected);
        socket.sendTextMessage(uR"({"jsonrpc":"2.0","id":1,"method":"runs.list","params":{}})"_s);
        QVERIFY(answers.wait(10000));
        const QJsonObject refusal = QJsonDocument::fromJson(answers.at(0).at(0).toString().toUtf8()).object();
        QCOMPARE(refusal.value("error"_L1).toObject().value("code"_L1).toInt(), -32001);
        QVERIFY(closed.size() == 1 || closed.wait(10000));

        // delegatectl with a wrong token is refused and says so.
        m_url = published.endpoint->url.toString();
        const CommandResult stranger = harness.ctl({ u"ls"_s }, as(u"not-a-token"_s));
        QVERIFY2(stranger.exitCode != 0, qPrintable(stranger.describe()));
        QVERIFY2(stranger.err.contains("token"), qPrintable(stranger.describe()));
        // The auditor reads, the local user (through the published token) too.
        const CommandResult audited = harness.ctl({ u"ls"_s }, as(auditorToken));
        QVERIFY2(audited.exitCode == 0, qPrintable(audited.describe()));
        const CommandResult local = harness.ctl({ u"engine"_s, u"status"_s, u"--json"_s });
        QVERIFY2(local.exitCode == 0, qPrintable(local.describe()));
        QCOMPARE(jsonOf(local).value("protocol_version"_L1).toInt(), 1);

        // One engine per user: a second one on the same folder refuses.
        QProcess second;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"DELEGATE_RUNTIME_DIR"_s, harness.runtimeDirectory());
        second.setProcessEnvironment(environment);
        second.start(QStringLiteral(DELEGATE_BINARY_DIR "/app/delegated"),
                     { u"--store"_s, harness.path(u"other.db"_s) });
        QVERIFY(second.waitForFinished(30000));
        QCOMPARE(second.exitCode(), 69);
        QVERIFY(second.readAllStandardError().contains("already runs"));

        // SIGTERM: a clean exit that withdraws the endpoint.
        QVERIFY2(harness.stopDaemon(), qPrintable(harness.daemonLog()));
        QVERIFY(!directory.read().endpoint);
    }

    // What the app's Settings page saves is what the engine starts with;
    // its command-line options still win, and a broken file stops it with
    // the place of the mistake.
    void startsWithTheSettingsFile()
    {
        DaemonHarness harness;
        QVERIFY(harness.setUp());
        QDir().mkpath(harness.path(u"config/delegate"_s));
        QFile settings(harness.path(u"config/delegate/settings.yaml"_s));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write("providers:\n"
                       "  - name: settings-scripted\n"
                       "    kind: openai-compatible\n"
                       "    base_url: "
                       + harness.llm.openAiBaseUrl().toUtf8()
                       + "\n"
                         "    models: [scripted-model]\n"
                         "default_provider: settings-scripted\n"
                         "engine:\n"
                         "  max_runs: 5\n"
                         "  daily_budget_usd: 7.5\n");
        settings.close();
        QVERIFY2(harness.startDaemon({ u"--max-runs"_s, u"2"_s }), qPrintable(harness.daemonLog()));
        const CommandResult status = harness.ctl({ u"engine"_s, u"status"_s, u"--json"_s });
        QVERIFY2(status.exitCode == 0, qPrintable(status.describe()));
        const QJsonObject engine = jsonOf(status);
        const QStringList providers = engine.value("providers"_L1).toVariant().toStringList();
        QVERIFY2(providers.contains(u"settings-scripted"_s) && providers.contains(u"openai"_s),
                 qPrintable(providers.join(u',')));
        QCOMPARE(engine.value("default_provider"_L1).toString(), u"settings-scripted"_s);
        const QJsonObject limits = engine.value("limits"_L1).toObject();
        QCOMPARE(limits.value("max_concurrent_runs"_L1).toInt(), 2); // the option wins
        QCOMPARE(limits.value("daily_budget_usd"_L1).toDouble(), 7.5);
        QVERIFY(harness.stopDaemon());

        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write("engine:\n  max_runs: many\n");
        settings.close();
        QProcess broken;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CONFIG_HOME"_s, harness.path(u"config"_s));
        environment.insert(u"DELEGATE_RUNTIME_DIR"_s, harness.runtimeDirectory());
        broken.setProcessEnvironment(environment);
        broken.start(QStringLiteral(DELEGATE_BINARY_DIR "/app/delegated"),
                     { u"--store"_s, harness.path(u"other.db"_s) });
        QVERIFY(broken.waitForFinished(30000));
        QCOMPARE(broken.exitCode(), 64);
        const QByteArray said = broken.readAllStandardError();
        QVERIFY2(said.contains("settings.yaml:2:13: engine.max_runs"), said.constData());
    }

    void aTaskFromSubmissionToPullRequest()
    {
        DaemonHarness harness;
        QVERIFY(harness.setUp());
        harness.addToken(u"grace"_s, u"reviewer"_s, reviewerToken);
        harness.addToken(u"alan"_s, u"auditor"_s, auditorToken);
        harness.llm.setScript({
            turn(toolCall(u"ask_human"_s, { { u"question"_s, u"Should I fix sum.py or the test?"_s } })),
            turn(editCall(u"return a - b"_s, u"return a + b"_s), u"Fix sum.py"_s),
            turn(submitCall(u"add() subtracted; it adds now."_s), u"Replaced 1 occurrence"_s),
            turn(editCall(u"Return the sum of a and b."_s,
                          u"Return a + b, the sum of the operands a and b."_s),
                 u"sum.py:6: Name the operands."_s),
            turn(submitCall(u"The docstring names the operands."_s), u"Replaced 1 occurrence"_s),
        });
        QVERIFY2(harness.startDaemon(), qPrintable(harness.daemonLog()));
        auto client = harness.connect();
        QVERIFY(client);
        m_url = client->url().toString();

        QDir().mkpath(harness.path(u"tasks"_s));
        QVERIFY(writeFile(
            harness.path(u"tasks/fix-add.yaml"_s),
            taskYaml(u"Fix add()"_s,
                     u"Make the failing test in tests/test_sum.py pass without changing the test."_s)));
        QVERIFY(writeFile(harness.path(u"tasks/python.yaml"_s), environmentYaml));
        const CommandResult submitted = harness.ctl({ u"submit"_s, u"tasks/fix-add.yaml"_s, u"--json"_s });
        QVERIFY2(submitted.exitCode == 0, qPrintable(submitted.describe()));
        const QString runId = jsonOf(submitted).value("run_ids"_L1).toArray().at(0).toString();
        QVERIFY2(runId.startsWith("run-"_L1), qPrintable(submitted.describe()));

        // The agent asks; the question waits in the inbox.
        QVERIFY(!harness.waitForState(*client, runId, { u"waiting_for_human"_s }).isEmpty());
        const CommandResult open = harness.ctl({ u"checkpoints"_s, u"--json"_s });
        QVERIFY2(open.exitCode == 0, qPrintable(open.describe()));
        const QJsonObject question = jsonOf(open).value("checkpoints"_L1).toArray().at(0).toObject();
        QCOMPARE(question.value("prompt"_L1).toString(), u"Should I fix sum.py or the test?"_s);
        const QString checkpointId = question.value("id"_L1).toString();

        // An auditor cannot answer; the reviewer can.
        const CommandResult byAuditor =
            harness.ctl({ u"answer"_s, checkpointId, u"Fix the test."_s }, as(auditorToken));
        QVERIFY2(byAuditor.exitCode != 0, qPrintable(byAuditor.describe()));
        const CommandResult answered = harness.ctl(
            { u"answer"_s, checkpointId, u"Fix sum.py; the test is right."_s }, as(reviewerToken));
        QVERIFY2(answered.exitCode == 0, qPrintable(answered.describe()));

        // The agent's submit hands in version 1 for review; it decides nothing itself.
        QJsonObject detail = harness.waitForState(*client, runId, { u"in_review"_s });
        QVERIFY(!detail.isEmpty());
        QCOMPARE(detail.value("reviews"_L1).toArray().size(), 0);
        QCOMPARE(detail.value("checkpoints"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("decision"_L1)
                     .toObject()
                     .value("decider"_L1),
                 u"user:grace"_s);

        const CommandResult approvedByAuditor =
            harness.ctl({ u"review"_s, runId, u"approve"_s }, as(auditorToken));
        QVERIFY2(approvedByAuditor.exitCode != 0, qPrintable(approvedByAuditor.describe()));
        const CommandResult changes = harness.ctl(
            { u"review"_s, runId, u"changes"_s, u"--comment"_s, u"sum.py:6:Name the operands."_s },
            as(reviewerToken));
        QVERIFY2(changes.exitCode == 0, qPrintable(changes.describe()));
        // The review is recorded before the command returns, so the run is
        // no longer in review until version 2 arrives.
        detail = harness.waitForState(*client, runId, { u"in_review"_s });
        QCOMPARE(detail.value("artifacts"_L1).toArray().size(), 2);
        const CommandResult approved = harness.ctl({ u"review"_s, runId, u"approve"_s }, as(reviewerToken));
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.describe()));

        // The preview changes nothing; the actions then commit, push and
        // open the pull request.
        harness.services.addBranch(u"octo-org/widgets"_s, u"delegate/"_s + runId);
        const QStringList actions {
            u"git.branch"_s,    u"message=Fix add()"_s,   u"git.push"_s,
            u"remote=origin"_s, u"github.pull_request"_s, u"repository=octo-org/widgets"_s
        };
        const CommandResult preview = harness.ctl(QStringList { u"act"_s, runId, u"--dry-run"_s } + actions);
        QVERIFY2(preview.exitCode == 0, qPrintable(preview.describe()));
        QVERIFY(!harness.waitForState(*client, runId, { u"approved"_s }).isEmpty());
        QVERIFY(harness.services.pullRequests().isEmpty());
        const CommandResult acted = harness.ctl(QStringList { u"act"_s, runId } + actions);
        QVERIFY2(acted.exitCode == 0, qPrintable(acted.describe()));
        detail = harness.waitForState(*client, runId, { u"completed"_s });
        QVERIFY(!detail.isEmpty());
        QCOMPARE(detail.value("actions"_L1).toArray().size(), 3);

        QProcess show;
        show.setWorkingDirectory(harness.remote);
        show.start(u"git"_s, { u"show"_s, u"delegate/"_s + runId });
        QVERIFY(show.waitForFinished(30000));
        const QByteArray pushed = show.readAllStandardOutput();
        QVERIFY2(pushed.contains("+    return a + b") && pushed.contains("Fix add()"), pushed.constData());
        QCOMPARE(harness.services.pullRequests().size(), 1);
        const auto pullRequests =
            harness.services.requestsTo(fixtures::ServiceReceiver::Endpoint::GitHubPulls);
        QCOMPARE(pullRequests.size(), 1);
        QVERIFY2(pullRequests.constFirst().rejection.isEmpty(),
                 qPrintable(pullRequests.constFirst().rejection));
        QCOMPARE(pullRequests.constFirst().json.value("head"_L1).toString(), u"delegate/"_s + runId);
        QCOMPARE(pullRequests.constFirst().json.value("base"_L1).toString(), u"main"_s);

        const QJsonObject verified = call(*client, u"audit.verify"_s);
        QVERIFY2(verified.value("intact"_L1).toBool(),
                 qPrintable(QString::fromUtf8(QJsonDocument(verified).toJson())));
        QCOMPARE(harness.llm.remainingTurns(), 0);
        QVERIFY2(harness.stopDaemon(), qPrintable(harness.daemonLog()));
    }

    void aKilledEngineFinishesItsRunsAfterARestart()
    {
        DaemonHarness harness;
        QVERIFY(harness.setUp());
        const QStringList markers { u"[alpha]"_s, u"[beta]"_s, u"[gamma]"_s };
        QJsonArray script;
        for (const QString &marker : markers) {
            script.append(turn(editCall(u"return a - b"_s, u"return a + b"_s), {}, marker));
            // The engine is killed while this answer is on its way.
            QJsonObject slow { { u"text"_s, u"Thinking it over."_s },
                               { u"header_delay_ms"_s, 5000 },
                               { u"when_contains"_s, marker } };
            script.append(slow);
            script.append(turn(submitCall(u"add() adds now."_s), u"Replaced 1 occurrence"_s, marker));
        }
        harness.llm.setScript(script);
        QVERIFY2(harness.startDaemon({ u"--max-runs"_s, u"3"_s }), qPrintable(harness.daemonLog()));
        auto watcher = harness.connect();
        QVERIFY(watcher);
        // What the engine acknowledged: every event it notified is durable.
        QMap<qint64, QString> acknowledged;
        QObject::connect(watcher.get(), &rpc::RpcClient::notificationReceived, watcher.get(),
                         [&](const QString &method, const QJsonObject &params) {
                             if (method != "event.appended"_L1)
                                 return;
                             const QJsonObject event = params.value("event"_L1).toObject();
                             acknowledged.insert(event.value("sequence"_L1).toInteger(),
                                                 event.value("hash"_L1).toString());
                         });
        const QStringList topics { u"events"_s };
        QVERIFY(!QCoro::waitFor(watcher->subscribe(topics)).error);

        QDir().mkpath(harness.path(u"tasks"_s));
        QVERIFY(writeFile(harness.path(u"tasks/python.yaml"_s), environmentYaml));
        QStringList runIds;
        for (const QString &marker : markers) {
            const QString file = harness.path(u"tasks/fix-%1.yaml"_s.arg(marker.mid(1, marker.size() - 2)));
            QVERIFY(writeFile(
                file, taskYaml(u"Fix add() "_s + marker, u"Make the failing test pass. "_s + marker)));
            const CommandResult submitted = harness.ctl({ u"submit"_s, file, u"--json"_s });
            QVERIFY2(submitted.exitCode == 0, qPrintable(submitted.describe()));
            runIds.append(jsonOf(submitted).value("run_ids"_L1).toArray().at(0).toString());
        }
        // All three wait for their slow answer; then the engine dies.
        QTRY_COMPARE_WITH_TIMEOUT(harness.llm.remainingTurns(), 3, 90000);
        QVERIFY(!acknowledged.isEmpty());
        harness.killDaemon();
        watcher.reset();

        QVERIFY2(harness.startDaemon({ u"--max-runs"_s, u"3"_s }), qPrintable(harness.daemonLog()));
        auto client = harness.connect();
        QVERIFY(client);
        for (const QString &runId : std::as_const(runIds)) {
            const QJsonObject detail = harness.waitForState(*client, runId, { u"in_review"_s });
            QVERIFY2(!detail.isEmpty(), qPrintable(harness.daemonLog()));
            QCOMPARE(detail.value("artifacts"_L1).toArray().size(), 1);
        }
        QCOMPARE(harness.llm.remainingTurns(), 0);

        // Nothing acknowledged before the kill is missing or changed, the
        // restart says which runs it found interrupted, and the chain holds.
        QMap<qint64, QString> stored;
        QJsonArray interrupted;
        for (const QJsonObject &event : allEvents(*client)) {
            stored.insert(event.value("sequence"_L1).toInteger(), event.value("hash"_L1).toString());
            if (event.value("kind"_L1).toString() == "engine.started"_L1
                && !event.value("payload"_L1).toObject().value("interrupted"_L1).toArray().isEmpty())
                interrupted = event.value("payload"_L1).toObject().value("interrupted"_L1).toArray();
        }
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
            QCOMPARE(stored.value(it.key()), it.value());
        QCOMPARE(interrupted.size(), 3);
        for (const QString &runId : std::as_const(runIds))
            QVERIFY(interrupted.contains(QJsonValue(runId)));
        const QJsonObject verified = call(*client, u"audit.verify"_s);
        QVERIFY(verified.value("intact"_L1).toBool());
        QVERIFY2(harness.stopDaemon(), qPrintable(harness.daemonLog()));
    }
};

QTEST_GUILESS_MAIN(TestDaemon)
#include "tst_daemon.moc"
