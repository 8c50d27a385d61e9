// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineservice.h"

#include "audit/runfigures.h"
#include "engine.h"
#include "remotehosts.h"
#include "rpc/protocol.h"
#include "version.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

using rpc::RpcOutcome;

namespace {

// The most an export sent over the connection may hold; larger ones are
// for delegatectl audit export on the engine's machine.
constexpr qsizetype maxExportBytes = 32 * 1024 * 1024;

const QList<Role> everyone { Role::Lead, Role::Reviewer, Role::Auditor };
const QList<Role> deciders { Role::Lead, Role::Reviewer };
const QList<Role> leads { Role::Lead };

RpcOutcome missing(const QString &name, const QString &what)
{
    return RpcOutcome::fail(rpc::InvalidParams, u"params.%1 is missing: give %2"_s.arg(name, what));
}

RpcOutcome notOpen()
{
    return RpcOutcome::fail(rpc::Unavailable, u"the engine is shutting down; try again when it runs"_s);
}

// Reads the history paging and filter parameters; the error names the
// parameter at fault.
std::optional<HistoryRequest> historyRequest(const QJsonObject &params, QString *error)
{
    HistoryRequest request;
    const std::optional<HistoryFilter> filter =
        HistoryFilter::fromJson(params.value("filter"_L1).toObject(), error);
    if (!filter) {
        error->prepend(u"params."_s);
        return std::nullopt;
    }
    request.filter = *filter;
    const QString order = params.value("order"_L1).toString(u"newest"_s);
    if (order != "newest"_L1 && order != "oldest"_L1) {
        *error = u"params.order must be \"newest\" or \"oldest\", not '%1'"_s.arg(order);
        return std::nullopt;
    }
    request.oldestFirst = order == "oldest"_L1;
    request.cursor = std::max<qint64>(0, params.value("cursor"_L1).toInteger(0));
    request.limit = std::clamp(params.value("limit"_L1).toInt(50), 1, 500);
    return request;
}

QJsonObject verifyJson(const VerifyReport &report)
{
    QJsonObject json { { u"intact"_s, report.intact() },
                       { u"checked"_s, report.checked },
                       { u"head_sequence"_s, report.headSequence },
                       { u"head_hash"_s, report.headHash } };
    if (!report.intact()) {
        json.insert(u"problem"_s, VerifyReport::problemName(report.problem));
        json.insert(u"broken_sequence"_s, report.brokenSequence);
        json.insert(u"detail"_s, report.detail);
        json.insert(u"break"_s,
                    QJsonObject { { u"sequence"_s, report.brokenSequence },
                                  { u"run_id"_s, report.brokenRunId },
                                  { u"problem"_s, VerifyReport::problemName(report.problem) },
                                  { u"expected"_s, report.expected },
                                  { u"found"_s, report.found },
                                  { u"detail"_s, report.detail } });
    }
    return json;
}

QJsonArray eventArray(const QList<Event> &events)
{
    QJsonArray array;
    for (const Event &event : events)
        array.append(event.toJson());
    return array;
}

QJsonObject checkpointJson(const RunRecord::CheckpointEntry &entry)
{
    QJsonObject json = entry.checkpoint.toJson();
    if (entry.decision)
        json.insert(u"decision"_s, entry.decision->toJson());
    return json;
}

// How a run's agent reads in the figures, with the engine's default
// provider and model filled in for tasks that named none.
QString agentName(const AgentSpec &agent, const EngineOptions &options)
{
    const QString runtime = enumToString(agent.runtime);
    if (agent.runtime == AgentSpec::Runtime::Playbook)
        return runtime;
    if (agent.runtime != AgentSpec::Runtime::Builtin)
        return agent.model.isEmpty() ? runtime : runtime + u" · "_s + agent.model;
    const QString provider = agent.provider.isEmpty() ? options.defaultProvider : agent.provider;
    const QString model =
        agent.model.isEmpty() ? options.providers.value(provider).defaultModel : agent.model;
    return runtime + u" · "_s + provider + (model.isEmpty() ? QString() : u'/' + model);
}

std::optional<Decision::Verdict> verdictFrom(const QString &text)
{
    if (text == "changes"_L1)
        return Decision::Verdict::RequestChanges;
    return enumFromString<Decision::Verdict>(text);
}

} // namespace

EngineService::EngineService(Engine *engine, rpc::RpcServer *server, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_server(server)
{
    registerMethods();
    connectNotifications();
}

RpcOutcome EngineService::failure(const EngineError &error)
{
    switch (error.code) {
    case EngineError::Code::InvalidRequest:
        return RpcOutcome::fail(rpc::InvalidParams, error.message);
    case EngineError::Code::Forbidden:
        return RpcOutcome::fail(rpc::Forbidden, error.message);
    case EngineError::Code::NotFound:
        return RpcOutcome::fail(rpc::NotFound, error.message);
    case EngineError::Code::Conflict:
        return RpcOutcome::fail(rpc::Conflict, error.message);
    case EngineError::Code::Unavailable:
        break;
    }
    return RpcOutcome::fail(rpc::Unavailable, error.message);
}

void EngineService::registerMethods()
{
    // Handlers hand over to member coroutines: the server awaits them while
    // it keeps the handler alive, and the members check the engine is still
    // there after each await.
    const auto add = [this](const QString &name, const QList<Role> &roles,
                            Outcome (EngineService::*method)(Params, Caller)) {
        m_server->addMethod(name, roles, [this, method](Params params, Caller caller) {
            return (this->*method)(params, caller);
        });
    };
    add(u"runs.submit"_s, leads, &EngineService::submit);
    add(u"runs.list"_s, everyone, &EngineService::list);
    add(u"runs.get"_s, everyone, &EngineService::get);
    add(u"runs.events"_s, everyone, &EngineService::events);
    add(u"runs.cancel"_s, leads, &EngineService::cancel);
    add(u"runs.pause"_s, leads, &EngineService::pause);
    add(u"runs.resume"_s, leads, &EngineService::resume);
    add(u"runs.steer"_s, leads, &EngineService::steer);
    add(u"runs.review"_s, deciders, &EngineService::review);
    add(u"runs.revise"_s, deciders, &EngineService::revise);
    add(u"runs.act"_s, deciders, &EngineService::act);
    add(u"checkpoints.list"_s, everyone, &EngineService::checkpoints);
    add(u"checkpoints.decide"_s, deciders, &EngineService::decide);
    add(u"engine.status"_s, everyone, &EngineService::status);
    add(u"audit.verify"_s, everyone, &EngineService::verify);
    add(u"audit.search"_s, everyone, &EngineService::search);
    add(u"audit.export"_s, everyone, &EngineService::exportEvents);
    add(u"history.events"_s, everyone, &EngineService::historyEvents);
    add(u"history.search"_s, everyone, &EngineService::historySearch);
    add(u"history.facets"_s, everyone, &EngineService::historyFacets);
    add(u"history.export"_s, everyone, &EngineService::historyExport);
    add(u"stats.figures"_s, everyone, &EngineService::figures);
}

void EngineService::connectNotifications()
{
    connect(m_engine, &Engine::runChanged, this, [this](const QString &runId) {
        const RunRecord *record = m_engine ? m_engine->state().run(runId) : nullptr;
        if (!record || !m_server)
            return;
        // A slow client only needs the newest state of each run.
        m_server->notify(u"runs"_s, u"run.updated"_s, { { u"run"_s, record->summaryJson() } },
                         u"run:"_s + runId);
    });
    connect(m_engine, &Engine::checkpointOpened, this, [this](const Checkpoint &checkpoint) {
        if (m_server)
            m_server->notify(u"checkpoints"_s, u"checkpoint.opened"_s,
                             { { u"checkpoint"_s, checkpoint.toJson() } });
    });
    connect(m_engine, &Engine::checkpointDecided, this,
            [this](const Checkpoint &checkpoint, const Decision &decision) {
                if (m_server) {
                    m_server->notify(
                        u"checkpoints"_s, u"checkpoint.decided"_s,
                        { { u"checkpoint"_s, checkpoint.toJson() }, { u"decision"_s, decision.toJson() } });
                }
            });
    connect(m_engine, &Engine::eventAppended, this, [this](const Event &event) {
        if (!m_server)
            return;
        const QJsonObject params { { u"event"_s, event.toJson() } };
        m_server->notify(u"events"_s, u"event.appended"_s, params);
        if (!event.runId.isEmpty())
            m_server->notify(u"events:"_s + event.runId, u"event.appended"_s, params);
    });
}

EngineService::Outcome EngineService::submit(Params params, Caller caller)
{
    QString error;
    const std::optional<SubmitRequest> request = SubmitRequest::fromJson(params, &error);
    if (!request)
        co_return RpcOutcome::fail(rpc::InvalidParams, error);
    if (!m_engine)
        co_return notOpen();
    const auto submitted = co_await m_engine->submit(*request, caller.identity.actor());
    if (!submitted)
        co_return failure(submitted.error());
    co_return RpcOutcome::ok(QJsonObject { { u"run_ids"_s, QJsonArray::fromStringList(submitted.value()) } });
}

EngineService::Outcome EngineService::list(Params params, Caller)
{
    if (!m_engine)
        co_return notOpen();
    QStringList states;
    const QJsonValue stateValue = params.value("state"_L1);
    if (stateValue.isString()) {
        states = { stateValue.toString() };
    } else {
        const QJsonArray stateArray = stateValue.toArray();
        for (const QJsonValue &state : stateArray)
            states.append(state.toString());
    }
    for (const QString &state : std::as_const(states)) {
        if (!enumFromString<RunState>(state)) {
            co_return RpcOutcome::fail(rpc::InvalidParams,
                                       u"params.state '%1' is not a run state; use one of %2"_s.arg(
                                           state, enumNameList<RunState>().join(u", "_s)));
        }
    }
    const QString batch = params.value("batch_id"_L1).toString();
    const int limit = std::clamp(params.value("limit"_L1).toInt(200), 1, 1000);
    QJsonArray runs;
    for (const RunRecord *record : m_engine->state().runs()) {
        if (!states.isEmpty() && !states.contains(enumToString(record->run.state)))
            continue;
        if (!batch.isEmpty() && record->run.batchId != batch)
            continue;
        runs.append(record->summaryJson());
        if (runs.size() >= limit)
            break;
    }
    co_return RpcOutcome::ok(QJsonObject { { u"runs"_s, runs } });
}

EngineService::Outcome EngineService::get(Params params, Caller)
{
    if (!m_engine)
        co_return notOpen();
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of a run"_s);
    const RunRecord *record = m_engine->state().run(runId);
    if (!record)
        co_return RpcOutcome::fail(rpc::NotFound, u"there is no run '%1'"_s.arg(runId));
    co_return RpcOutcome::ok(record->detailJson());
}

EngineService::Outcome EngineService::events(Params params, Caller)
{
    if (!m_engine)
        co_return notOpen();
    const QString runId = params.value("run_id"_L1).toString();
    const qint64 after = params.value("after_sequence"_L1).toInteger(0);
    const int limit = params.value("limit"_L1).toInt(200);
    const auto events = m_engine->events(runId, after, limit);
    if (!events)
        co_return failure(events.error());
    const qint64 last = events.value().isEmpty() ? after : events.value().constLast().sequence;
    co_return RpcOutcome::ok(
        QJsonObject { { u"events"_s, eventArray(events.value()) }, { u"last_sequence"_s, last } });
}

EngineService::Outcome EngineService::cancel(Params params, Caller caller)
{
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of the run to cancel"_s);
    if (!m_engine)
        co_return notOpen();
    const auto cancelled =
        co_await m_engine->cancel(runId, caller.identity.actor(), params.value("reason"_L1).toString());
    if (!cancelled)
        co_return failure(cancelled.error());
    if (!m_engine)
        co_return notOpen();
    co_return RpcOutcome::ok(QJsonObject { { u"run"_s, m_engine->state().run(runId)->summaryJson() } });
}

EngineService::Outcome EngineService::pause(Params params, Caller caller)
{
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of the run to pause"_s);
    if (!m_engine)
        co_return notOpen();
    const auto paused =
        co_await m_engine->pause(runId, caller.identity.actor(), params.value("reason"_L1).toString());
    if (!paused)
        co_return failure(paused.error());
    co_return RpcOutcome::ok();
}

EngineService::Outcome EngineService::resume(Params params, Caller caller)
{
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of the run to resume"_s);
    if (!m_engine)
        co_return notOpen();
    const auto resumed = co_await m_engine->resume(runId, caller.identity.actor());
    if (!resumed)
        co_return failure(resumed.error());
    co_return RpcOutcome::ok();
}

EngineService::Outcome EngineService::steer(Params params, Caller caller)
{
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of the run to steer"_s);
    if (!m_engine)
        co_return notOpen();
    const auto steered =
        co_await m_engine->steer(runId, params.value("text"_L1).toString(), caller.identity.actor());
    if (!steered)
        co_return failure(steered.error());
    co_return RpcOutcome::ok();
}

EngineService::Outcome EngineService::checkpoints(Params params, Caller)
{
    if (!m_engine)
        co_return notOpen();
    const QString runId = params.value("run_id"_L1).toString();
    const bool openOnly = params.value("open_only"_L1).toBool(true);
    QJsonArray checkpoints;
    for (const RunRecord *record : m_engine->state().runs()) {
        if (!runId.isEmpty() && record->run.id != runId)
            continue;
        // A finished run's checkpoints can no longer be decided.
        if (openOnly && isTerminal(record->run.state))
            continue;
        for (const RunRecord::CheckpointEntry &entry : record->checkpoints) {
            if (!openOnly || !entry.decision)
                checkpoints.append(checkpointJson(entry));
        }
    }
    if (!runId.isEmpty() && !m_engine->state().run(runId))
        co_return RpcOutcome::fail(rpc::NotFound, u"there is no run '%1'"_s.arg(runId));
    co_return RpcOutcome::ok(QJsonObject { { u"checkpoints"_s, checkpoints } });
}

EngineService::Outcome EngineService::decide(Params params, Caller caller)
{
    const QString checkpointId = params.value("checkpoint_id"_L1).toString();
    if (checkpointId.isEmpty())
        co_return missing(u"checkpoint_id"_s, u"the id of the checkpoint (checkpoints.list)"_s);
    const QString verdictText = params.value("verdict"_L1).toString();
    const std::optional<Decision::Verdict> verdict = verdictFrom(verdictText);
    if (!verdict) {
        co_return RpcOutcome::fail(
            rpc::InvalidParams,
            u"params.verdict '%1' is not one of answer, approve, request_changes, reject"_s.arg(verdictText));
    }
    Decision decision;
    decision.decider = caller.identity.actor();
    decision.role = caller.identity.role;
    decision.verdict = *verdict;
    decision.text = params.value("text"_L1).toString();
    if (!m_engine)
        co_return notOpen();
    const auto decided = co_await m_engine->answerCheckpoint(checkpointId, decision);
    if (!decided)
        co_return failure(decided.error());
    co_return RpcOutcome::ok(QJsonObject { { u"decision"_s, decided.value().toJson() } });
}

EngineService::Outcome EngineService::review(Params params, Caller caller)
{
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of the run in review"_s);
    QString error;
    const std::optional<ReviewRequest> request = ReviewRequest::fromJson(params, &error);
    if (!request)
        co_return RpcOutcome::fail(rpc::InvalidParams, error);
    if (!m_engine)
        co_return notOpen();
    const auto reviewed =
        co_await m_engine->review(runId, *request, caller.identity.actor(), caller.identity.role);
    if (!reviewed)
        co_return failure(reviewed.error());
    if (!m_engine)
        co_return notOpen();
    co_return RpcOutcome::ok(QJsonObject { { u"decision"_s, reviewed.value().toJson() },
                                           { u"run"_s, m_engine->state().run(runId)->summaryJson() } });
}

EngineService::Outcome EngineService::revise(Params params, Caller caller)
{
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of the run in review"_s);
    if (!params.value("content"_L1).isObject())
        co_return missing(u"content"_s, u"the edited content, as the artifact's kind has it"_s);
    if (!m_engine)
        co_return notOpen();
    const auto revised = co_await m_engine->reviseArtifact(runId, params.value("content"_L1).toObject(),
                                                           params.value("summary"_L1).toString(),
                                                           caller.identity.actor(), caller.identity.role);
    if (!revised)
        co_return failure(revised.error());
    if (!m_engine)
        co_return notOpen();
    co_return RpcOutcome::ok(QJsonObject { { u"artifact"_s, revised.value().toJson() },
                                           { u"run"_s, m_engine->state().run(runId)->summaryJson() } });
}

EngineService::Outcome EngineService::act(Params params, Caller caller)
{
    const QString runId = params.value("run_id"_L1).toString();
    if (runId.isEmpty())
        co_return missing(u"run_id"_s, u"the id of the approved run"_s);
    QString error;
    const std::optional<ActRequest> request = ActRequest::fromJson(params, &error);
    if (!request)
        co_return RpcOutcome::fail(rpc::InvalidParams, error);
    if (!m_engine)
        co_return notOpen();
    const auto acted = co_await m_engine->act(runId, *request, caller.identity.actor(), caller.identity.role);
    if (!acted)
        co_return failure(acted.error());
    co_return RpcOutcome::ok(acted.value());
}

EngineService::Outcome EngineService::status(Params, Caller)
{
    if (!m_engine)
        co_return notOpen();
    const EngineOptions &options = m_engine->options();
    const SchedulerLimits &limits = m_engine->scheduler().limits();
    QJsonObject perEnvironment;
    for (auto it = limits.perEnvironment.cbegin(); it != limits.perEnvironment.cend(); ++it)
        perEnvironment.insert(it.key(), it.value());
    QJsonObject perProvider;
    for (auto it = limits.perProvider.cbegin(); it != limits.perProvider.cend(); ++it)
        perProvider.insert(it.key(), it.value());
    QJsonObject limitsJson { { u"max_concurrent_runs"_s, limits.maxConcurrentRuns },
                             { u"per_environment"_s, perEnvironment },
                             { u"per_provider"_s, perProvider } };
    if (limits.dailyBudgetUsd)
        limitsJson.insert(u"daily_budget_usd"_s, *limits.dailyBudgetUsd);
    // Fresh health for the next caller; this one gets what the last check found.
    m_engine->remoteHosts()->check();
    QJsonObject counts;
    for (const RunRecord *record : m_engine->state().runs()) {
        const QString state = enumToString(record->run.state);
        counts.insert(state, counts.value(state).toInt() + 1);
    }
    co_return RpcOutcome::ok(QJsonObject {
        { u"engine_version"_s, QLatin1String(versionString) },
        { u"protocol_version"_s, rpc::protocolVersion },
        { u"store"_s, m_engine->storePath() },
        { u"providers"_s, QJsonArray::fromStringList(options.providers.keys()) },
        { u"default_provider"_s, options.defaultProvider },
        { u"limits"_s, limitsJson },
        { u"runs"_s, counts },
        { u"spent_today_usd"_s, m_engine->state().costOn(QDateTime::currentDateTimeUtc().date()) },
        { u"hosts"_s, m_engine->remoteHosts()->toJson() },
    });
}

EngineService::Outcome EngineService::verify(Params params, Caller caller)
{
    if (!m_engine)
        co_return notOpen();
    // Progress goes to the caller alone, as audit.verify_progress; the
    // newest replaces a queued older one for a slow client.
    const QString token = params.value("progress_token"_L1).toString();
    ChainVerifier::Progress progress;
    if (!token.isEmpty()) {
        QPointer<rpc::RpcServer> server = m_server;
        const quint64 connection = caller.connectionId;
        progress = [server, connection, token](qint64 checked, qint64 total) {
            QMetaObject::invokeMethod(
                server.data(),
                [server, connection, token, checked, total] {
                    if (server) {
                        server->notifyConnection(
                            connection, u"audit.verify_progress"_s,
                            { { u"token"_s, token }, { u"checked"_s, checked }, { u"total"_s, total } },
                            u"verify:"_s + token);
                    }
                },
                Qt::QueuedConnection);
        };
    }
    const auto report = co_await m_engine->verify(progress);
    if (!report)
        co_return failure(report.error());
    co_return RpcOutcome::ok(verifyJson(report.value()));
}

EngineService::Outcome EngineService::search(Params params, Caller)
{
    SearchRequest request;
    const QString query = params.value("query"_L1).toString();
    const QString words = params.value("words"_L1).toString();
    if (query.isEmpty() && words.isEmpty())
        co_return missing(u"query"_s, u"an FTS5 query, or plain words in params.words"_s);
    request.query = query.isEmpty() ? SearchRequest::fromWords(words) : query;
    request.limit = std::clamp(params.value("limit"_L1).toInt(20), 1, 200);
    request.offset = std::max(0, params.value("offset"_L1).toInt(0));
    request.beforeSequence = params.value("before_sequence"_L1).toInteger(0);
    if (!m_engine)
        co_return notOpen();
    const auto page = co_await m_engine->search(request);
    if (!page)
        co_return failure(page.error());
    QJsonArray hits;
    for (const SearchHit &hit : page.value().hits)
        hits.append(QJsonObject { { u"event"_s, hit.event.toJson() }, { u"snippet"_s, hit.snippet } });
    co_return RpcOutcome::ok(QJsonObject { { u"hits"_s, hits },
                                           { u"has_more"_s, page.value().hasMore },
                                           { u"unindexed"_s, page.value().unindexed } });
}

EngineService::Outcome EngineService::exportEvents(Params params, Caller)
{
    const QString format = params.value("format"_L1).toString(u"jsonl"_s);
    if (format != "jsonl"_L1 && format != "csv"_L1)
        co_return RpcOutcome::fail(rpc::InvalidParams, u"params.format must be \"jsonl\" or \"csv\""_s);
    EventFilter filter;
    filter.runId = params.value("run_id"_L1).toString();
    if (params.contains("since"_L1)) {
        const QDateTime since = QDateTime::fromString(params.value("since"_L1).toString(), Qt::ISODateWithMs);
        if (!since.isValid()) {
            co_return RpcOutcome::fail(
                rpc::InvalidParams, u"params.since must be an ISO 8601 time, such as 2024-05-01T00:00:00Z"_s);
        }
        filter.sinceMs = since.toMSecsSinceEpoch();
    }
    if (!m_engine)
        co_return notOpen();
    const auto exported = co_await m_engine->exportEvents(
        format == "csv"_L1 ? EventExporter::Format::Csv : EventExporter::Format::Jsonl, filter);
    if (!exported)
        co_return failure(exported.error());
    if (exported.value().size() > maxExportBytes) {
        co_return RpcOutcome::fail(
            rpc::Unavailable,
            u"the export is %1 MiB, more than a connection carries (%2 MiB); narrow it with "
            "run_id or since, or run delegatectl audit export on the engine's machine"_s
                .arg(exported.value().size() / (1024 * 1024))
                .arg(maxExportBytes / (1024 * 1024)));
    }
    co_return RpcOutcome::ok(
        QJsonObject { { u"format"_s, format }, { u"text"_s, QString::fromUtf8(exported.value()) } });
}

EngineService::Outcome EngineService::historyEvents(Params params, Caller)
{
    QString error;
    const std::optional<HistoryRequest> request = historyRequest(params, &error);
    if (!request)
        co_return RpcOutcome::fail(rpc::InvalidParams, error);
    if (!m_engine)
        co_return notOpen();
    const auto page = co_await m_engine->history(*request);
    if (!page)
        co_return failure(page.error());
    QJsonArray events;
    for (const SearchHit &entry : page.value().entries)
        events.append(entry.event.toJson());
    co_return RpcOutcome::ok(QJsonObject { { u"events"_s, events },
                                           { u"has_more"_s, page.value().hasMore },
                                           { u"next_cursor"_s, page.value().nextCursor },
                                           { u"unindexed"_s, page.value().unindexed } });
}

EngineService::Outcome EngineService::historySearch(Params params, Caller)
{
    QString error;
    std::optional<HistoryRequest> request = historyRequest(params, &error);
    if (!request)
        co_return RpcOutcome::fail(rpc::InvalidParams, error);
    const QString query = params.value("query"_L1).toString();
    const QString words = params.value("words"_L1).toString();
    request->query = query.isEmpty() ? SearchRequest::fromWords(words) : query;
    if (request->query.isEmpty())
        co_return missing(u"words"_s, u"the words to search for, or an FTS5 query in params.query"_s);
    if (!m_engine)
        co_return notOpen();
    const auto page = co_await m_engine->history(*request);
    if (!page)
        co_return failure(page.error());
    QJsonArray hits;
    for (const SearchHit &hit : page.value().entries)
        hits.append(QJsonObject { { u"event"_s, hit.event.toJson() }, { u"snippet"_s, hit.snippet } });
    co_return RpcOutcome::ok(QJsonObject { { u"hits"_s, hits },
                                           { u"has_more"_s, page.value().hasMore },
                                           { u"next_cursor"_s, page.value().nextCursor },
                                           { u"unindexed"_s, page.value().unindexed } });
}

EngineService::Outcome EngineService::historyFacets(Params, Caller)
{
    if (!m_engine)
        co_return notOpen();
    const auto facets = co_await m_engine->historyFacets();
    if (!facets)
        co_return failure(facets.error());
    const HistoryFacets &values = facets.value();
    co_return RpcOutcome::ok(QJsonObject {
        { u"kinds"_s, QJsonArray::fromStringList(values.kinds) },
        { u"actors"_s, QJsonArray::fromStringList(values.actors) },
        { u"skills"_s, QJsonArray::fromStringList(values.skills) },
        { u"agents"_s, QJsonArray::fromStringList(values.agents) },
        { u"environments"_s, QJsonArray::fromStringList(values.environments) },
        { u"tasks"_s, QJsonArray::fromStringList(values.tasks) },
        { u"states"_s, QJsonArray::fromStringList(enumNameList<RunState>()) },
    });
}

EngineService::Outcome EngineService::historyExport(Params params, Caller)
{
    const QString format = params.value("format"_L1).toString(u"jsonl"_s);
    if (format != "jsonl"_L1 && format != "csv"_L1)
        co_return RpcOutcome::fail(rpc::InvalidParams, u"params.format must be \"jsonl\" or \"csv\""_s);
    QString error;
    std::optional<HistoryRequest> request = historyRequest(params, &error);
    if (!request)
        co_return RpcOutcome::fail(rpc::InvalidParams, error);
    const QString query = params.value("query"_L1).toString();
    const QString words = params.value("words"_L1).toString();
    request->query = query.isEmpty() ? SearchRequest::fromWords(words) : query;
    if (!m_engine)
        co_return notOpen();
    const auto exported = co_await m_engine->exportHistory(
        format == "csv"_L1 ? EventExporter::Format::Csv : EventExporter::Format::Jsonl, *request);
    if (!exported)
        co_return failure(exported.error());
    const Engine::HistoryExport &result = exported.value();
    if (result.text.size() > maxExportBytes) {
        co_return RpcOutcome::fail(
            rpc::Unavailable,
            u"the export is %1 MiB, more than a connection carries (%2 MiB); narrow the filter, or run "
            "delegatectl audit export on the engine's machine"_s.arg(result.text.size() / (1024 * 1024))
                .arg(maxExportBytes / (1024 * 1024)));
    }
    co_return RpcOutcome::ok(QJsonObject { { u"format"_s, format },
                                           { u"text"_s, QString::fromUtf8(result.text) },
                                           { u"exported"_s, result.summary.exported },
                                           { u"head_sequence"_s, result.summary.headSequence },
                                           { u"head_hash"_s, result.summary.headHash },
                                           { u"verify"_s, EventExporter::verificationText() } });
}

EngineService::Outcome EngineService::figures(Params params, Caller)
{
    if (!m_engine)
        co_return notOpen();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    const std::optional<FiguresRequest> request = FiguresRequest::fromJson(params, now.date(), &error);
    if (!request)
        co_return RpcOutcome::fail(rpc::InvalidParams, error);
    QList<RunFacts> facts;
    for (const RunRecord *record : m_engine->state().runs())
        facts.append(RunFacts::of(*record, agentName(record->run.task.agent, m_engine->options()), now));
    co_return RpcOutcome::ok(runfigures::compute(facts, *request));
}

} // namespace delegate
