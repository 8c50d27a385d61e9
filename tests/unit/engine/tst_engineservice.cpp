// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's protocol over a real WebSocket on loopback, with a real
// engine behind it: who may call what, notifications as a run goes, and a
// run read back with its checkpoints and its patch.
#include "enginetestsupport.h"

#include "engine/engineservice.h"
#include "rpc/rpcclient.h"
#include "rpc/rpcserver.h"
#include "store/sqliteconnection.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::rpc;
using namespace delegate::test;

namespace {

std::optional<Identity> tokens(const QString &token)
{
    if (token == "lead-token"_L1)
        return Identity { u"ada"_s, Role::Lead };
    if (token == "reviewer-token"_L1)
        return Identity { u"grace"_s, Role::Reviewer };
    if (token == "auditor-token"_L1)
        return Identity { u"alan"_s, Role::Auditor };
    return std::nullopt;
}

QJsonObject submitParams(const SubmitRequest &request)
{
    return { { u"task"_s, request.task.toJson() }, { u"environment"_s, request.environment.toJson() } };
}

// Notifications one client received, by method.
class Inbox
{
public:
    explicit Inbox(RpcClient &client)
    {
        QObject::connect(&client, &RpcClient::notificationReceived, &client,
                         [this](const QString &method, const QJsonObject &params) {
                             received.append({ method, params });
                         });
    }

    QList<QJsonObject> of(const QString &method) const
    {
        QList<QJsonObject> found;
        for (const auto &[name, params] : received) {
            if (name == method)
                found.append(params);
        }
        return found;
    }

    bool runBecame(const QString &runId, const QString &state) const
    {
        const QList<QJsonObject> updates = of(u"run.updated"_s);
        return std::any_of(updates.cbegin(), updates.cend(), [&](const QJsonObject &params) {
            const QJsonObject run = params.value("run"_L1).toObject();
            return run.value("id"_L1).toString() == runId && run.value("state"_L1).toString() == state;
        });
    }

    QList<std::pair<QString, QJsonObject>> received;
};

} // namespace

class TestEngineService final : public QObject
{
    Q_OBJECT

private:
    EngineHarness *m_harness = nullptr;
    Engine *m_engine = nullptr;
    RpcServer *m_server = nullptr;

    std::unique_ptr<RpcClient> connectAs(const QString &token)
    {
        auto client = std::make_unique<RpcClient>();
        const RpcOutcome connected = QCoro::waitFor(client->connectTo(m_server->url(), token));
        if (connected.error) {
            qWarning() << connected.error->message;
            return nullptr;
        }
        return client;
    }

    static RpcOutcome call(RpcClient &client, const QString &method, const QJsonObject &params = {})
    {
        return QCoro::waitFor(client.call(method, params));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_harness = new EngineHarness;
        QVERIFY(m_harness->setUp());
        m_engine = new Engine(this);
        const auto opened = QCoro::waitFor(m_engine->open(m_harness->options()));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        m_server = new RpcServer(tokens, this);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        new EngineService(m_engine, m_server, m_server);
    }

    void cleanup()
    {
        delete m_server;
        QCoro::waitFor(m_engine->shutdown(u"test"_s));
        delete m_engine;
        delete m_harness;
    }

    void refusesCallersWithoutTheRole_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("code");
        QTest::addRow("no token") << QString() << u"runs.list"_s << int(Unauthenticated);
        QTest::addRow("a guessed token") << u"lead"_s << u"runs.list"_s << int(Unauthenticated);
        QTest::addRow("auditor submits") << u"auditor-token"_s << u"runs.submit"_s << int(Forbidden);
        QTest::addRow("auditor reviews") << u"auditor-token"_s << u"runs.review"_s << int(Forbidden);
        QTest::addRow("auditor decides") << u"auditor-token"_s << u"checkpoints.decide"_s << int(Forbidden);
        QTest::addRow("auditor acts") << u"auditor-token"_s << u"runs.act"_s << int(Forbidden);
        QTest::addRow("auditor cancels") << u"auditor-token"_s << u"runs.cancel"_s << int(Forbidden);
        QTest::addRow("reviewer submits") << u"reviewer-token"_s << u"runs.submit"_s << int(Forbidden);
        QTest::addRow("reviewer cancels") << u"reviewer-token"_s << u"runs.cancel"_s << int(Forbidden);
        QTest::addRow("reviewer steers") << u"reviewer-token"_s << u"runs.steer"_s << int(Forbidden);
        QTest::addRow("lead, unknown run") << u"lead-token"_s << u"runs.get"_s << int(NotFound);
        QTest::addRow("lead, no run id") << u"lead-token"_s << u"runs.cancel"_s << int(InvalidParams);
    }
    void refusesCallersWithoutTheRole()
    {
        QFETCH(QString, token);
        QFETCH(QString, method);
        QFETCH(int, code);
        RpcClient client;
        const RpcOutcome connected = QCoro::waitFor(client.connectTo(m_server->url(), token));
        if (code == Unauthenticated) {
            QVERIFY(connected.error);
            QCOMPARE(connected.error->code, code);
            return;
        }
        QVERIFY(!connected.error);
        const QJsonObject params =
            method == "runs.get"_L1 ? QJsonObject { { u"run_id"_s, u"run-nope"_s } } : QJsonObject();
        const RpcOutcome reply = call(client, method, params);
        QVERIFY(reply.error);
        QCOMPARE(reply.error->code, code);
        QVERIFY(!reply.error->message.isEmpty());
    }

    void aRunThroughTheProtocol()
    {
        m_harness->server.setScript({
            askTurn(u"Should I fix sum.py or the test?"_s),
            editTurn(u"return a - b"_s, u"return a + b"_s, u"user:grace answered: sum.py"_s),
            submitTurn(u"add() adds now."_s, u"Replaced 1 occurrence"_s),
        });
        auto lead = connectAs(u"lead-token"_s);
        auto reviewer = connectAs(u"reviewer-token"_s);
        auto auditor = connectAs(u"auditor-token"_s);
        QVERIFY(lead && reviewer && auditor);
        QVERIFY(auditor->identity().role == Role::Auditor);
        Inbox watching(*auditor);
        QVERIFY(!QCoro::waitFor(auditor->subscribe({ u"runs"_s, u"checkpoints"_s, u"events"_s })).error);

        const RpcOutcome submitted = call(*lead, u"runs.submit"_s, submitParams(m_harness->fixTheTest()));
        QVERIFY2(!submitted.error, submitted.error ? qPrintable(submitted.error->message) : "");
        const QString runId = submitted.result.toObject().value("run_ids"_L1).toArray().at(0).toString();
        QVERIFY(!runId.isEmpty());
        Inbox runEvents(*reviewer);
        QVERIFY(!QCoro::waitFor(reviewer->subscribe({ u"events:"_s + runId })).error);

        // The question reaches whoever watches checkpoints.
        QTRY_COMPARE_WITH_TIMEOUT(watching.of(u"checkpoint.opened"_s).size(), 1, 60000);
        const QJsonObject question =
            watching.of(u"checkpoint.opened"_s).constFirst().value("checkpoint"_L1).toObject();
        QCOMPARE(question.value("prompt"_L1).toString(), u"Should I fix sum.py or the test?"_s);
        const QString checkpointId = question.value("id"_L1).toString();
        const RpcOutcome listed = call(*auditor, u"checkpoints.list"_s);
        QCOMPARE(listed.result.toObject()
                     .value("checkpoints"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("id"_L1)
                     .toString(),
                 checkpointId);

        // An auditor cannot answer it, whatever the request says about who it is.
        const RpcOutcome byAuditor = call(*auditor, u"checkpoints.decide"_s,
                                          { { u"checkpoint_id"_s, checkpointId },
                                            { u"verdict"_s, u"answer"_s },
                                            { u"text"_s, u"the test"_s },
                                            { u"decider"_s, u"user:grace"_s } });
        QCOMPARE(byAuditor.error->code, int(Forbidden));
        const RpcOutcome answered = call(*reviewer, u"checkpoints.decide"_s,
                                         { { u"checkpoint_id"_s, checkpointId },
                                           { u"verdict"_s, u"answer"_s },
                                           { u"text"_s, u"sum.py"_s } });
        QVERIFY2(!answered.error, answered.error ? qPrintable(answered.error->message) : "");
        QCOMPARE(answered.result.toObject().value("decision"_L1).toObject().value("decider"_L1).toString(),
                 u"user:grace"_s);
        QTRY_COMPARE_WITH_TIMEOUT(watching.of(u"checkpoint.decided"_s).size(), 1, 30000);

        QTRY_VERIFY_WITH_TIMEOUT(watching.runBecame(runId, u"in_review"_s), 60000);
        QVERIFY(watching.runBecame(runId, u"waiting_for_human"_s) || watching.runBecame(runId, u"running"_s));
        // Every event of the run reached its topic, in order.
        QTRY_VERIFY(!runEvents.of(u"event.appended"_s).isEmpty());
        qint64 previous = 0;
        for (const QJsonObject &params : runEvents.of(u"event.appended"_s)) {
            const QJsonObject event = params.value("event"_L1).toObject();
            QCOMPARE(event.value("run_id"_L1).toString(), runId);
            QVERIFY(event.value("sequence"_L1).toInteger() > previous);
            previous = event.value("sequence"_L1).toInteger();
        }

        const RpcOutcome got = call(*auditor, u"runs.get"_s, { { u"run_id"_s, runId } });
        QVERIFY(!got.error);
        const QJsonObject detail = got.result.toObject();
        QCOMPARE(detail.value("run"_L1).toObject().value("state"_L1).toString(), u"in_review"_s);
        const QJsonObject checkpoint = detail.value("checkpoints"_L1).toArray().at(0).toObject();
        QCOMPARE(checkpoint.value("decision"_L1).toObject().value("text"_L1).toString(), u"sum.py"_s);
        const QJsonObject artifact = detail.value("artifacts"_L1).toArray().at(0).toObject();
        QCOMPARE(artifact.value("version"_L1).toInt(), 1);
        QVERIFY(artifact.value("content"_L1)
                    .toObject()
                    .value("diff"_L1)
                    .toString()
                    .contains(u"+    return a + b"_s));

        const RpcOutcome byAuditorReview =
            call(*auditor, u"runs.review"_s, { { u"run_id"_s, runId }, { u"verdict"_s, u"approve"_s } });
        QCOMPARE(byAuditorReview.error->code, int(Forbidden));
        const RpcOutcome badVerdict =
            call(*reviewer, u"runs.review"_s, { { u"run_id"_s, runId }, { u"verdict"_s, u"lgtm"_s } });
        QCOMPARE(badVerdict.error->code, int(InvalidParams));
        const RpcOutcome approved =
            call(*reviewer, u"runs.review"_s, { { u"run_id"_s, runId }, { u"verdict"_s, u"approve"_s } });
        QVERIFY2(!approved.error, approved.error ? qPrintable(approved.error->message) : "");
        QCOMPARE(approved.result.toObject().value("run"_L1).toObject().value("state"_L1).toString(),
                 u"approved"_s);
        QTRY_VERIFY(watching.runBecame(runId, u"approved"_s));
        // Reviewing twice is a conflict, not a second verdict.
        const RpcOutcome again =
            call(*reviewer, u"runs.review"_s, { { u"run_id"_s, runId }, { u"verdict"_s, u"reject"_s } });
        QCOMPARE(again.error->code, int(Conflict));

        // Reading the history back, in pages.
        const RpcOutcome firstPage =
            call(*auditor, u"runs.events"_s, { { u"run_id"_s, runId }, { u"limit"_s, 3 } });
        QCOMPARE(firstPage.result.toObject().value("events"_L1).toArray().size(), 3);
        const qint64 last = firstPage.result.toObject().value("last_sequence"_L1).toInteger();
        const RpcOutcome nextPage =
            call(*auditor, u"runs.events"_s,
                 { { u"run_id"_s, runId }, { u"after_sequence"_s, last }, { u"limit"_s, 3 } });
        QVERIFY(nextPage.result.toObject()
                    .value("events"_L1)
                    .toArray()
                    .at(0)
                    .toObject()
                    .value("sequence"_L1)
                    .toInteger()
                > last);

        const RpcOutcome listedRuns = call(*auditor, u"runs.list"_s, { { u"state"_s, u"approved"_s } });
        QCOMPARE(listedRuns.result.toObject().value("runs"_L1).toArray().size(), 1);
        QVERIFY(
            !listedRuns.result.toObject().value("runs"_L1).toArray().at(0).toObject().contains("task"_L1));

        const RpcOutcome verified = call(*auditor, u"audit.verify"_s);
        QVERIFY(!verified.error);
        QVERIFY(verified.result.toObject().value("intact"_L1).toBool());
        QVERIFY(verified.result.toObject().value("checked"_L1).toInteger() > 10);

        // Search catches up with the log once the writer has indexed it.
        QTRY_VERIFY_WITH_TIMEOUT(!call(*auditor, u"audit.search"_s, { { u"words"_s, u"sum.py"_s } })
                                      .result.toObject()
                                      .value("hits"_L1)
                                      .toArray()
                                      .isEmpty(),
                                 30000);

        const RpcOutcome exported = call(*auditor, u"audit.export"_s, { { u"run_id"_s, runId } });
        QVERIFY(!exported.error);
        const QString text = exported.result.toObject().value("text"_L1).toString();
        QVERIFY(text.contains(u"\"kind\":\"review.decided\""_s));
        QVERIFY(text.contains(u"chain_head"_s));

        const RpcOutcome status = call(*auditor, u"engine.status"_s);
        QCOMPARE(status.result.toObject().value("runs"_L1).toObject().value("approved"_L1).toInt(), 1);
        QCOMPARE(status.result.toObject().value("default_provider"_L1).toString(), u"openai"_s);
    }

    void cancelThroughTheProtocol()
    {
        m_harness->server.setScript({ askTurn(u"Which file?"_s) });
        auto lead = connectAs(u"lead-token"_s);
        QVERIFY(lead);
        Inbox inbox(*lead);
        QVERIFY(!QCoro::waitFor(lead->subscribe({ u"runs"_s })).error);
        const RpcOutcome submitted = call(*lead, u"runs.submit"_s, submitParams(m_harness->fixTheTest()));
        const QString runId = submitted.result.toObject().value("run_ids"_L1).toArray().at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(inbox.runBecame(runId, u"waiting_for_human"_s), 60000);
        const RpcOutcome cancelled = call(*lead, u"runs.cancel"_s, { { u"run_id"_s, runId } });
        QVERIFY2(!cancelled.error, cancelled.error ? qPrintable(cancelled.error->message) : "");
        QTRY_VERIFY(inbox.runBecame(runId, u"cancelled"_s));
        const RpcOutcome open = call(*lead, u"checkpoints.list"_s);
        QVERIFY(open.result.toObject().value("checkpoints"_L1).toArray().isEmpty());
    }

    void historyThroughTheProtocol()
    {
        m_harness->server.setScript({ askTurn(u"Which file?"_s) });
        auto lead = connectAs(u"lead-token"_s);
        auto auditor = connectAs(u"auditor-token"_s);
        QVERIFY(lead && auditor);
        Inbox inbox(*lead);
        QVERIFY(!QCoro::waitFor(lead->subscribe({ u"runs"_s })).error);
        const RpcOutcome submitted = call(*lead, u"runs.submit"_s, submitParams(m_harness->fixTheTest()));
        const QString runId = submitted.result.toObject().value("run_ids"_L1).toArray().at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(inbox.runBecame(runId, u"waiting_for_human"_s), 60000);
        QVERIFY(!call(*lead, u"runs.cancel"_s, { { u"run_id"_s, runId } }).error);
        QTRY_VERIFY(inbox.runBecame(runId, u"cancelled"_s));

        // The run's attributes reach the filters once the writer indexed them.
        const QJsonObject byEnvironment { { u"environment"_s, u"python"_s }, { u"state"_s, u"cancelled"_s } };
        QTRY_VERIFY_WITH_TIMEOUT(!call(*auditor, u"history.events"_s, { { u"filter"_s, byEnvironment } })
                                      .result.toObject()
                                      .value("events"_L1)
                                      .toArray()
                                      .isEmpty(),
                                 30000);
        const RpcOutcome facets = call(*auditor, u"history.facets"_s);
        QVERIFY(facets.result.toObject().value("environments"_L1).toArray().contains(u"python"_s));
        QVERIFY(facets.result.toObject().value("tasks"_L1).toArray().contains(u"Fix add()"_s));
        QVERIFY(facets.result.toObject().value("actors"_L1).toArray().contains(u"user:ada"_s));

        // Page by page, newest first, every event of the run once.
        const RpcOutcome all =
            call(*auditor, u"runs.events"_s, { { u"run_id"_s, runId }, { u"limit"_s, 1000 } });
        const qsizetype total = all.result.toObject().value("events"_L1).toArray().size();
        QList<qint64> seen;
        qint64 cursor = 0;
        for (int pages = 0; pages < 100; ++pages) {
            const RpcOutcome page = call(*auditor, u"history.events"_s,
                                         { { u"filter"_s, QJsonObject { { u"run_id"_s, runId } } },
                                           { u"limit"_s, 3 },
                                           { u"cursor"_s, cursor } });
            QVERIFY2(!page.error, page.error ? qPrintable(page.error->message) : "");
            const QJsonArray events = page.result.toObject().value("events"_L1).toArray();
            for (const QJsonValue &event : events) {
                const qint64 sequence = event.toObject().value("sequence"_L1).toInteger();
                QVERIFY(seen.isEmpty() || sequence < seen.constLast());
                seen.append(sequence);
            }
            if (!page.result.toObject().value("has_more"_L1).toBool())
                break;
            cursor = page.result.toObject().value("next_cursor"_L1).toInteger();
        }
        QCOMPARE(seen.size(), total);

        const RpcOutcome badFilter = call(*auditor, u"history.events"_s,
                                          { { u"filter"_s, QJsonObject { { u"state"_s, u"done"_s } } } });
        QCOMPARE(badFilter.error->code, int(InvalidParams));
        QVERIFY(badFilter.error->message.contains(u"params.filter.state"_s));

        const RpcOutcome found =
            call(*auditor, u"history.search"_s,
                 { { u"words"_s, u"cancelled"_s }, { u"filter"_s, QJsonObject { { u"run_id"_s, runId } } } });
        QVERIFY2(!found.error, found.error ? qPrintable(found.error->message) : "");
        QVERIFY(!found.result.toObject().value("hits"_L1).toArray().isEmpty());

        const RpcOutcome exported =
            call(*auditor, u"history.export"_s,
                 { { u"format"_s, u"csv"_s }, { u"filter"_s, QJsonObject { { u"run_id"_s, runId } } } });
        QVERIFY2(!exported.error, exported.error ? qPrintable(exported.error->message) : "");
        const QJsonObject exportResult = exported.result.toObject();
        QCOMPARE(exportResult.value("exported"_L1).toInteger(), total);
        const QString text = exportResult.value("text"_L1).toString();
        QVERIFY(text.contains(u"# chain_head sequence="_s
                              + QString::number(exportResult.value("head_sequence"_L1).toInteger())
                              + u" hash="_s + exportResult.value("head_hash"_L1).toString()));
        QVERIFY(text.contains(u"# verify: "_s));

        // Verification reports progress to the caller alone, and finds an
        // event changed in the database file, at that event.
        Inbox progress(*auditor);
        const RpcOutcome verified = call(*auditor, u"audit.verify"_s, { { u"progress_token"_s, u"v1"_s } });
        QVERIFY(verified.result.toObject().value("intact"_L1).toBool());
        QTRY_VERIFY(!progress.of(u"audit.verify_progress"_s).isEmpty());
        const QJsonObject last = progress.of(u"audit.verify_progress"_s).constLast();
        QCOMPARE(last.value("token"_L1).toString(), u"v1"_s);
        QCOMPARE(last.value("checked"_L1).toInteger(), last.value("total"_L1).toInteger());

        const qint64 tampered = seen.at(seen.size() / 2);
        {
            SqliteConnection connection;
            QVERIFY(!connection.open(m_harness->options().storePath, SqliteConnection::Mode::ReadWrite));
            QVERIFY(!connection.exec("DROP TRIGGER events_append_only_update"));
            const QByteArray sql =
                "UPDATE events SET payload = '{\"forged\":true}' WHERE seq = " + QByteArray::number(tampered);
            QVERIFY(!connection.exec(sql.constData()));
        }
        const RpcOutcome broken = call(*auditor, u"audit.verify"_s);
        const QJsonObject report = broken.result.toObject();
        QVERIFY(!report.value("intact"_L1).toBool());
        const QJsonObject where = report.value("break"_L1).toObject();
        QCOMPARE(where.value("sequence"_L1).toInteger(), tampered);
        QCOMPARE(where.value("run_id"_L1).toString(), runId);
        QCOMPARE(where.value("problem"_L1).toString(), u"hash_mismatch"_s);
        QVERIFY(where.value("expected"_L1).toString() != where.value("found"_L1).toString());
    }

    void aReportEditedByAPersonBecomesTheNextVersion()
    {
        const QJsonObject report { { u"kind"_s, u"report"_s },
                                   { u"summary"_s, u"add() subtracts."_s },
                                   { u"content"_s, u"# Diagnosis\n\nadd() subtracts its operands."_s } };
        m_harness->server.setScript({ turn({ delegate::test::call(u"submit"_s, report) }) });
        auto lead = connectAs(u"lead-token"_s);
        auto reviewer = connectAs(u"reviewer-token"_s);
        auto auditor = connectAs(u"auditor-token"_s);
        QVERIFY(lead && reviewer && auditor);
        Inbox inbox(*lead);
        QVERIFY(!QCoro::waitFor(lead->subscribe({ u"runs"_s })).error);
        SubmitRequest request = m_harness->fixTheTest();
        request.task.expectedArtifact.kind = ArtifactKind::Report;
        const RpcOutcome submitted = call(*lead, u"runs.submit"_s, submitParams(request));
        const QString runId = submitted.result.toObject().value("run_ids"_L1).toArray().at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(inbox.runBecame(runId, u"in_review"_s), 60000);

        const QJsonObject edited { { u"markdown"_s,
                                     u"# Diagnosis\n\nadd() subtracts b from a; see sum.py:6."_s } };
        const QJsonObject params { { u"run_id"_s, runId }, { u"content"_s, edited } };
        QCOMPARE(call(*auditor, u"runs.revise"_s, params).error->code, int(rpc::Forbidden));
        const RpcOutcome wrongShape =
            call(*reviewer, u"runs.revise"_s, { { u"run_id"_s, runId }, { u"content"_s, u"text"_s } });
        QCOMPARE(wrongShape.error->code, int(rpc::InvalidParams));
        const RpcOutcome revised = call(*reviewer, u"runs.revise"_s, params);
        QVERIFY2(!revised.error, revised.error ? qPrintable(revised.error->message) : "");
        const QJsonObject artifact = revised.result.toObject().value("artifact"_L1).toObject();
        QCOMPARE(artifact.value("version"_L1).toInt(), 2);
        QCOMPARE(artifact.value("summary"_L1).toString(), u"add() subtracts."_s);
        QVERIFY(
            artifact.value("content"_L1).toObject().value("markdown"_L1).toString().contains(u"sum.py:6"_s));

        // Still in review; the log says who edited it; the new version is
        // the one reviewed.
        const QJsonObject detail = call(*lead, u"runs.get"_s, { { u"run_id"_s, runId } }).result.toObject();
        QCOMPARE(detail.value("run"_L1).toObject().value("state"_L1).toString(), u"in_review"_s);
        QCOMPARE(detail.value("artifacts"_L1).toArray().size(), 2);
        const QJsonArray events = call(*lead, u"runs.events"_s, { { u"run_id"_s, runId } })
                                      .result.toObject()
                                      .value("events"_L1)
                                      .toArray();
        bool recorded = false;
        for (const QJsonValue &value : events) {
            const QJsonObject event = value.toObject();
            if (event.value("kind"_L1).toString() == "artifact.submitted"_L1
                && event.value("payload"_L1).toObject().value("revised_by"_L1).toString() == "user:grace"_L1)
                recorded = event.value("actor"_L1).toString() == "user:grace"_L1;
        }
        QVERIFY(recorded);
        const RpcOutcome stale =
            call(*reviewer, u"runs.review"_s,
                 { { u"run_id"_s, runId }, { u"verdict"_s, u"approve"_s }, { u"version"_s, 1 } });
        QCOMPARE(stale.error->code, int(rpc::Conflict));
        const RpcOutcome approved =
            call(*reviewer, u"runs.review"_s,
                 { { u"run_id"_s, runId }, { u"verdict"_s, u"approve"_s }, { u"version"_s, 2 } });
        QVERIFY2(!approved.error, approved.error ? qPrintable(approved.error->message) : "");
    }
};

QTEST_GUILESS_MAIN(TestEngineService)
#include "tst_engineservice.moc"
