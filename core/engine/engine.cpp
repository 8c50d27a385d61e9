// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "actionrunner.h"
#include "agents/cli/cliagentprofile.h"
#include "agents/llm/llmclient.h"
#include "asyncmutex.h"
#include "executoractionrunner.h"
#include "lifecycleevents.h"
#include "policy/environmentsecretprovider.h"
#include "remotehosts.h"
#include "runcontroller.h"
#include "sandbox/localsandbox.h"
#include "store/eventreader.h"
#include "store/eventstore.h"
#include "version.h"
#include "workspace/workspacemanager.h"

#include <QBuffer>
#include <QCoro/QCoroSignal>
#include <QCoro/QCoroThread>
#include <QFileInfo>
#include <QJsonArray>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

using Code = EngineError::Code;

EngineError invalid(const QString &message)
{
    return { Code::InvalidRequest, message };
}
EngineError notFound(const QString &message)
{
    return { Code::NotFound, message };
}
EngineError conflict(const QString &message)
{
    return { Code::Conflict, message };
}
EngineError forbidden(const QString &message)
{
    return { Code::Forbidden, message };
}
EngineError unavailable(const QString &message)
{
    return { Code::Unavailable, message };
}

EngineError stoppedError()
{
    return unavailable(u"the engine stopped before the change was recorded; try again once it runs"_s);
}

QString stateWords(RunState state)
{
    return enumToString(state).replace(u'_', u' ');
}

QString newId(QStringView prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

// Payloads are built outside coroutine bodies: GCC 12 miscompiles braced
// QJsonObject initialiser lists inside co_await expressions.
QJsonObject stateChangePayload(RunState from, RunState to, const QString &reason)
{
    return { { u"from"_s, enumToString(from) }, { u"to"_s, enumToString(to) }, { u"reason"_s, reason } };
}

QJsonObject submittedPayload(const Run &run, const SubmitRequest &request)
{
    QJsonObject payload { { u"run"_s, run.toJson() },
                          { u"environment"_s, request.environment.toJson() },
                          { u"priority"_s, request.priority } };
    if (request.skill)
        payload.insert(u"skill"_s, request.skill->toJson());
    if (request.batchBudgetUsd)
        payload.insert(u"batch_budget_usd"_s, *request.batchBudgetUsd);
    return payload;
}

QJsonObject checkpointPayload(const Checkpoint &checkpoint)
{
    return { { u"checkpoint"_s, checkpoint.toJson() } };
}

QJsonObject decisionPayload(const Decision &decision)
{
    return { { u"decision"_s, decision.toJson() } };
}

QJsonObject reviewPayload(int version, const Decision &decision)
{
    return { { u"version"_s, version }, { u"decision"_s, decision.toJson() } };
}

QJsonObject textPayload(const QString &key, const QString &text)
{
    return { { key, text } };
}

// What the agent reads when a reviewer asks for changes.
QString changeRequestText(const Decision &review, int version)
{
    QString text =
        u"%1 reviewed version %2 of your result and requested changes."_s.arg(review.decider).arg(version);
    if (!review.text.isEmpty())
        text += u"\n\n"_s + review.text;
    if (!review.comments.isEmpty()) {
        text += u"\n\nComments on lines of the patch:"_s;
        for (const Decision::LineComment &comment : review.comments)
            text += u"\n- %1:%2: %3"_s.arg(comment.file).arg(comment.line).arg(comment.text);
    }
    text += u"\n\nMake the changes in the workspace, check them, and submit again."_s;
    return text;
}

QJsonObject changeRequestPayload(const Decision &review, int version)
{
    return { { u"role"_s, u"user"_s },
             { u"text"_s, changeRequestText(review, version) },
             { u"review"_s, true },
             { u"version"_s, version } };
}

QJsonObject actionPayload(const ActRequest::Step &step, const ActionReport &report)
{
    return { { u"kind"_s, step.kind },
             { u"ok"_s, report.ok },
             { u"message"_s, report.message },
             { u"details"_s, report.details },
             { u"parameters"_s, step.parameters } };
}

QJsonObject startedPayload(const QStringList &interrupted, const QStringList &removed,
                           qsizetype contradictions)
{
    return { { u"version"_s, QLatin1String(versionString) },
             { u"interrupted"_s, QJsonArray::fromStringList(interrupted) },
             { u"orphans_removed"_s, QJsonArray::fromStringList(removed) },
             { u"contradictions"_s, contradictions } };
}

QJsonObject stoppedPayload(const QString &reason, const QStringList &active)
{
    return { { u"reason"_s, reason }, { u"active_runs"_s, QJsonArray::fromStringList(active) } };
}

bool verdictFits(Checkpoint::Kind kind, Decision::Verdict verdict)
{
    using V = Decision::Verdict;
    switch (kind) {
    case Checkpoint::Kind::Question:
        return verdict == V::Answer;
    case Checkpoint::Kind::Plan:
        return verdict == V::Approve || verdict == V::RequestChanges || verdict == V::Reject;
    case Checkpoint::Kind::Action:
    case Checkpoint::Kind::Budget:
        return verdict == V::Approve || verdict == V::Reject;
    }
    return false;
}

QString verdictsFor(Checkpoint::Kind kind)
{
    switch (kind) {
    case Checkpoint::Kind::Question:
        return u"answer (with the answer as text)"_s;
    case Checkpoint::Kind::Plan:
        return u"approve, request_changes or reject"_s;
    case Checkpoint::Kind::Action:
    case Checkpoint::Kind::Budget:
        return u"approve or reject"_s;
    }
    return {};
}

// Runs work on a read-only connection of its own in another thread.
template<typename T>
QCoro::Task<EngineResult<T>> onReaderThread(QString path, std::function<EngineResult<T>(EventReader &)> work)
{
    auto result = std::make_shared<std::optional<EngineResult<T>>>();
    QThread *thread = QThread::create([path, work, result] {
        EventReader reader;
        if (auto error = reader.open(path)) {
            *result = EngineResult<T>(unavailable(*error));
            return;
        }
        *result = work(reader);
    });
    thread->start();
    const bool finished = co_await qCoro(thread).waitForFinished(std::chrono::minutes(30));
    if (!finished) {
        // Still reading: it cleans up after itself when done. Deleting it
        // only once it finished, never on its finished signal, keeps that
        // signal from racing the wait above.
        QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        co_return unavailable(u"reading the event log took longer than 30 minutes; try a narrower request"_s);
    }
    thread->wait();
    delete thread;
    if (!result->has_value())
        co_return unavailable(u"reading the event log stopped without a result"_s);
    co_return std::move(**result);
}

} // namespace

Engine::Engine(QObject *parent)
    : QObject(parent)
{ }

Engine::~Engine()
{
    // No event is recorded from here on, as in a crash: the runs that were
    // going are found interrupted by the next engine.
    m_closing = true;
    stopControllers();
    // Appends already queued become durable; whoever waits for them sees
    // the engine closing and stops.
    if (m_store)
        m_store->close();
}

void Engine::stopControllers()
{
    const QList<RunController *> controllers = m_controllers.values();
    m_controllers.clear();
    for (RunController *controller : controllers) {
        // Each one finishes its agent's current step on its own and then
        // deletes itself; none outlives its coroutine.
        controller->setParent(nullptr);
        controller->abandon();
    }
}

QString Engine::storePath() const
{
    return m_store ? m_store->path() : m_options.resolvedStorePath();
}

void Engine::setLimits(SchedulerLimits limits)
{
    m_scheduler.setLimits(std::move(limits));
    scheduleSoon();
}

QCoro::Task<EngineResult<void>> Engine::open(EngineOptions options)
{
    if (m_open || m_store)
        co_return conflict(u"the engine is open already; make a new Engine for another store"_s);
    QPointer<Engine> self(this);
    m_options = std::move(options);
    m_scheduler = Scheduler(m_options.limits, m_options.defaultProvider);

    m_store = std::make_unique<EventStore>();
    EventStoreOptions storeOptions;
    storeOptions.path = m_options.resolvedStorePath();
    if (auto error = m_store->open(storeOptions)) {
        m_store.reset();
        co_return unavailable(*error);
    }
    m_reader = std::make_unique<EventReader>();
    if (auto error = m_reader->open(m_store->path())) {
        m_store.reset();
        co_return unavailable(*error);
    }
    if (auto error = m_state.replay(m_reader->events(), &m_contradictions)) {
        m_store.reset();
        co_return unavailable(u"cannot read the event log to rebuild the runs: %1"_s.arg(*error));
    }
    for (const QString &contradiction : std::as_const(m_contradictions))
        qWarning("delegated: skipped a lifecycle event at replay: %s", qPrintable(contradiction));

    m_workspaces = new WorkspaceManager(m_options.resolvedWorkspaceRoot(), this);
    m_workspaces->setFetchTimeout(m_options.fetchTimeout);
    m_sandbox = new LocalSandbox(m_options.sandbox, this);
    m_remoteHosts = new RemoteHosts(m_options.remote, this);
    connect(m_remoteHosts, &RemoteHosts::placesChanged, this, &Engine::scheduleSoon);
    m_hostChecks = new QTimer(this);
    m_hostChecks->setInterval(m_options.hostCheckInterval);
    connect(m_hostChecks, &QTimer::timeout, this, [this] {
        if (!m_remoteHosts->health().isEmpty())
            m_remoteHosts->check();
    });
    m_hostChecks->start();
    m_secrets = m_options.secrets ? m_options.secrets : std::make_shared<EnvironmentSecretProvider>();
    m_defaultActionRunner = std::make_unique<ExecutorActionRunner>(m_secrets, m_options.actions);
    if (!m_actionRunner)
        m_actionRunner = m_defaultActionRunner.get();
    for (auto it = m_options.providers.cbegin(); it != m_options.providers.cend(); ++it) {
        // A client may be busy with a request when the engine goes: the
        // controllers that use it keep it alive until their agent returns.
        m_clients.insert(
            it.key(),
            std::shared_ptr<llm::LlmClient>(new llm::LlmClient(it->config),
                                            [](llm::LlmClient *client) { client->deleteLater(); }));
    }
    m_open = true;
    co_await recover();
    if (!self)
        co_return stoppedError();
    scheduleSoon();
    co_return {};
}

QCoro::Task<void> Engine::recover()
{
    QPointer<Engine> self(this);
    QStringList going;
    QStringList known;
    for (const RunRecord *record : m_state.runs()) {
        const RunState state = record->run.state;
        if (state == RunState::Provisioning || state == RunState::Running
            || state == RunState::WaitingForHuman || state == RunState::ChangesRequested
            || state == RunState::Applying)
            going.append(record->run.id);
        if (!isTerminal(state))
            known.append(record->run.id);
    }
    QStringList interrupted;
    for (const QString &runId : std::as_const(going)) {
        const RunState state = m_state.run(runId)->run.state;
        const auto moved =
            co_await transition(runId, RunState::Interrupted,
                                u"the engine stopped while the run was %1"_s.arg(stateWords(state)));
        if (!self)
            co_return;
        if (moved)
            interrupted.append(runId);
    }
    QStringList removed;
    const auto orphans = co_await m_workspaces->collectOrphans(known);
    if (!self)
        co_return;
    if (orphans.ok())
        removed = orphans.value().removedRunIds;
    else
        qWarning("delegated: could not collect orphaned workspaces: %s", qPrintable(orphans.error().message));
    EventDraft draft {
        {}, u"system"_s, u"engine.started"_s, startedPayload(interrupted, removed, m_contradictions.size())
    };
    co_await append(std::move(draft));
}

QCoro::Task<void> Engine::shutdown(QString reason)
{
    if (!m_open)
        co_return;
    QPointer<Engine> self(this);
    const QStringList active = m_controllers.keys();
    EventDraft draft { {}, u"system"_s, u"engine.stopped"_s, stoppedPayload(reason, active) };
    co_await append(std::move(draft));
    if (!self)
        co_return;
    m_closing = true;
    m_open = false;
    stopControllers();
    // Removals under way use the workspace manager; let them end first.
    if (m_workspaceRemovals > 0) {
        co_await qCoro(this, &Engine::workspaceRemovalsFinished, std::chrono::seconds(30));
        if (!self)
            co_return;
    }
    m_store->close();
}

EngineResult<void> Engine::checkOpen() const
{
    if (!m_open || m_closing)
        return unavailable(u"the engine is not open (it is starting or stopping); try again in a moment"_s);
    return {};
}

EngineResult<void> Engine::checkPerson(const QString &actor, const QString &what) const
{
    if (!actor.startsWith("user:"_L1) || actor.size() <= 5 || !Event::isValidActor(actor)) {
        return forbidden(
            u"only people %1: the actor '%2' is not a person; a person acts as user:<name>"_s.arg(what,
                                                                                                  actor));
    }
    return {};
}

AsyncMutex &Engine::lockFor(const QString &runId)
{
    std::shared_ptr<AsyncMutex> &lock = m_locks[runId];
    if (!lock)
        lock = std::make_shared<AsyncMutex>(this);
    return *lock;
}

QCoro::Task<EngineResult<Event>> Engine::append(EventDraft draft)
{
    if (!m_store || !m_store->isOpen() || m_closing)
        co_return unavailable(u"the engine is not open; nothing can be recorded"_s);
    QPointer<Engine> self(this);
    const AppendResult appended = co_await m_store->append(draft);
    if (!self || m_closing)
        co_return stoppedError();
    if (!appended.ok())
        co_return unavailable(u"could not record %1: %2"_s.arg(draft.kind, appended.error));

    // The store assigns the time and the hash link; read the event back
    // exactly as it was written, so signals carry what the log holds.
    std::optional<Event> stored = m_reader->events().event(appended.sequence);
    if (!stored) {
        Event event;
        event.sequence = appended.sequence;
        event.runId = draft.runId;
        event.time = QDateTime::currentDateTimeUtc();
        event.actor = draft.actor;
        event.kind = draft.kind;
        event.payload = draft.payload;
        event.hash = appended.hash;
        stored = event;
    }
    const Event event = *stored;
    QString contradiction;
    const EngineState::Outcome outcome = m_state.apply(event, &contradiction);
    if (outcome == EngineState::Outcome::Contradiction) {
        qWarning("delegated: recorded a lifecycle event the state cannot take: %s",
                 qPrintable(contradiction));
        m_contradictions.append(contradiction);
    }
    Q_EMIT eventAppended(event);
    if (!self)
        co_return event;
    if (outcome == EngineState::Outcome::Applied) {
        if (const RunRecord *record = m_state.run(event.runId)) {
            if (event.kind == lifecycle::checkpointOpened) {
                const QString id = event.payload.value("checkpoint"_L1).toObject().value("id"_L1).toString();
                if (const auto *entry = record->checkpoint(id))
                    Q_EMIT checkpointOpened(entry->checkpoint);
            } else if (event.kind == lifecycle::checkpointDecided) {
                const QString id =
                    event.payload.value("decision"_L1).toObject().value("checkpoint_id"_L1).toString();
                if (const auto *entry = record->checkpoint(id); entry && entry->decision)
                    Q_EMIT checkpointDecided(entry->checkpoint, *entry->decision);
            }
        }
        if (self)
            Q_EMIT runChanged(event.runId);
        if (self)
            scheduleSoon();
    }
    co_return event;
}

QCoro::Task<EngineResult<Event>> Engine::record(QString runId, QString actor, QString kind,
                                                QJsonObject payload)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (lifecycle::isLifecycle(kind))
        co_return invalid(
            u"'%1' changes a run's life; use the engine's command for it, not record()"_s.arg(kind));
    if (!runId.isEmpty() && !m_state.run(runId))
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    EventDraft draft { runId, actor, kind, payload };
    co_return co_await append(std::move(draft));
}

QCoro::Task<EngineResult<void>> Engine::transitionLocked(QString runId, RunState to, QString reason,
                                                         QString actor)
{
    const RunRecord *record = m_state.run(runId);
    if (!record)
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    const RunState from = record->run.state;
    if (from == to)
        co_return {};
    if (!canTransition(from, to)) {
        co_return conflict(
            u"run %1 is %2 and cannot become %3"_s.arg(runId, stateWords(from), stateWords(to)));
    }
    EventDraft draft { runId, actor, lifecycle::stateChanged, stateChangePayload(from, to, reason) };
    const auto appended = co_await append(std::move(draft));
    if (!appended)
        co_return appended.error();
    co_return {};
}

QCoro::Task<EngineResult<void>> Engine::transition(QString runId, RunState to, QString reason, QString actor)
{
    QPointer<Engine> self(this);
    const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
    if (!self || m_closing)
        co_return stoppedError();
    co_return co_await transitionLocked(runId, to, reason, actor);
}

QCoro::Task<EngineResult<std::optional<Decision>>> Engine::openCheckpoint(Checkpoint checkpoint)
{
    QPointer<Engine> self(this);
    const AsyncMutex::Guard guard = co_await lockFor(checkpoint.runId).lock();
    if (!self || m_closing)
        co_return stoppedError();
    const RunRecord *record = m_state.run(checkpoint.runId);
    if (!record)
        co_return notFound(u"there is no run '%1'"_s.arg(checkpoint.runId));
    if (const auto *existing = record->checkpoint(checkpoint.id)) {
        // Asked again after a restart: the same checkpoint, not another one.
        if (existing->decision)
            co_return std::optional<Decision>(*existing->decision);
    } else {
        if (record->run.state != RunState::Running && record->run.state != RunState::WaitingForHuman)
            co_return conflict(u"run %1 is %2; it cannot ask anything now"_s.arg(
                checkpoint.runId, stateWords(record->run.state)));
        if (!checkpoint.createdAt.isValid())
            checkpoint.createdAt = QDateTime::currentDateTimeUtc();
        EventDraft draft { checkpoint.runId, u"system"_s, lifecycle::checkpointOpened,
                           checkpointPayload(checkpoint) };
        const auto opened = co_await append(std::move(draft));
        if (!opened)
            co_return opened.error();
    }
    const auto waiting =
        co_await transitionLocked(checkpoint.runId, RunState::WaitingForHuman,
                                  u"waiting for a person at checkpoint %1"_s.arg(checkpoint.id), u"system"_s);
    if (!waiting)
        co_return waiting.error();
    co_return std::optional<Decision>();
}

QCoro::Task<EngineResult<void>> Engine::leaveWaiting(QString runId)
{
    QPointer<Engine> self(this);
    const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
    if (!self || m_closing)
        co_return stoppedError();
    const RunRecord *record = m_state.run(runId);
    if (!record)
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    if (record->run.state != RunState::WaitingForHuman || !record->openCheckpoints().isEmpty())
        co_return {};
    co_return co_await transitionLocked(runId, RunState::Running, u"a person decided"_s, u"system"_s);
}

QCoro::Task<EngineResult<void>> Engine::submitArtifact(QString runId, Artifact artifact)
{
    QPointer<Engine> self(this);
    const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
    if (!self || m_closing)
        co_return stoppedError();
    const RunRecord *record = m_state.run(runId);
    if (!record)
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    if (record->run.state != RunState::Running)
        co_return conflict(
            u"run %1 is %2; its result is not taken"_s.arg(runId, stateWords(record->run.state)));
    artifact.version = int(record->artifacts.size()) + 1;
    QJsonObject payload { { u"artifact"_s, artifact.toJson() } };
    EventDraft draft { runId, u"system"_s, lifecycle::artifactSubmitted, payload };
    const auto appended = co_await append(std::move(draft));
    if (!appended)
        co_return appended.error();
    co_return co_await transitionLocked(
        runId, RunState::InReview, u"version %1 is ready for review"_s.arg(artifact.version), u"system"_s);
}

QList<Event> Engine::runEvents(const QString &runId)
{
    QList<Event> events;
    EventFilter filter;
    filter.runId = runId;
    const StoreError error =
        m_reader->events().forEach(filter, [&](const EncodedEvent &event, QByteArrayView hash) {
            events.append(EventRepository::decode(event, hash));
            return true;
        });
    if (error)
        qWarning("delegated: cannot read the history of run %s: %s", qPrintable(runId), qPrintable(*error));
    return events;
}

std::shared_ptr<llm::LlmClient> Engine::client(const QString &provider) const
{
    return m_clients.value(provider);
}

// --- Commands

QCoro::Task<EngineResult<QStringList>> Engine::submit(SubmitRequest request, QString actor)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"submit runs"_s); !person)
        co_return person.error();
    const TaskSpec &task = request.task;
    if (task.objective.trimmed().isEmpty())
        co_return invalid(u"task.objective is empty: say what the run should achieve"_s);
    if (request.environment.name.isEmpty())
        co_return invalid(u"environment.name is empty: send the environment profile the task runs in"_s);
    if (!task.environment.isEmpty() && task.environment != request.environment.name) {
        co_return invalid(u"the task names environment '%1' but environment '%2' was sent; send the one the "
                          "task names"_s.arg(task.environment, request.environment.name));
    }
    if (request.environment.sandbox.kind == SandboxTarget::Kind::Ssh
        && request.environment.sshHosts().isEmpty()) {
        co_return invalid(
            u"environment '%1' runs over SSH but names no host; list them under pool.hosts"_s.arg(
                request.environment.name));
    }
    const int attempts = request.attempts > 0 ? request.attempts : std::max(1, task.attempts);
    if (attempts > TaskSpec::maximumAttempts)
        co_return invalid(
            u"%1 attempts is too many: at most %2"_s.arg(attempts).arg(TaskSpec::maximumAttempts));
    if (!task.scope.repository.isEmpty() && !QFileInfo(task.scope.repository).isDir()) {
        co_return invalid(u"task.scope.repository '%1' is not a directory on the engine's machine; give the "
                          "path of a local clone"_s.arg(task.scope.repository));
    }
    switch (task.agent.runtime) {
    case AgentSpec::Runtime::Builtin: {
        Run probe;
        probe.task = task;
        const QString provider = m_scheduler.providerOf(probe);
        const auto entry = m_options.providers.constFind(provider);
        if (provider.isEmpty() || entry == m_options.providers.cend()) {
            const QStringList known = m_options.providers.keys();
            co_return invalid(
                u"no model provider '%1' is configured in this engine (%2); set OPENAI_API_KEY or "
                "ANTHROPIC_API_KEY (and their _BASE_URL) before starting delegated, or name a configured "
                "provider in agent.provider"_s.arg(
                    provider, known.isEmpty() ? u"none is"_s : u"configured: "_s + known.join(u", "_s)));
        }
        if (task.agent.model.isEmpty() && entry->defaultModel.isEmpty()) {
            co_return invalid(u"task.agent.model is empty and provider '%1' has no default model; name the "
                              "model in the task"_s.arg(provider));
        }
        break;
    }
    case AgentSpec::Runtime::Playbook:
        if (!request.skill || request.skill->playbook.isEmpty()) {
            co_return invalid(u"a playbook run needs the skill with its playbook steps; send the skill "
                              "(params.skill) the task names"_s);
        }
        break;
    default:
        if (!CliAgentProfile::forRuntime(task.agent.runtime))
            co_return invalid(
                u"this engine cannot run agent runtime '%1'"_s.arg(enumToString(task.agent.runtime)));
        break;
    }

    QPointer<Engine> self(this);
    const QString group = attempts > 1 ? newId(u"grp-") : QString();
    QStringList ids;
    for (int i = 0; i < attempts; ++i) {
        Run run;
        run.id = newId(u"run-");
        run.task = task;
        run.task.attempts = attempts;
        run.environment = request.environment.name;
        run.attemptIndex = i;
        run.attemptGroup = group;
        run.batchId = request.batchId;
        run.state = RunState::Queued;
        run.createdAt = QDateTime::currentDateTimeUtc();
        run.updatedAt = run.createdAt;
        EventDraft draft { run.id, actor, lifecycle::submitted, submittedPayload(run, request) };
        const auto appended = co_await append(std::move(draft));
        if (!self)
            co_return stoppedError();
        if (!appended) {
            co_return unavailable(appended.error().message
                                  + (ids.isEmpty()
                                         ? QString()
                                         : u" (submitted before the failure: %1)"_s.arg(ids.join(u", "_s))));
        }
        ids.append(run.id);
    }
    co_return ids;
}

QCoro::Task<EngineResult<void>> Engine::cancel(QString runId, QString actor, QString reason)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"cancel runs"_s); !person)
        co_return person.error();
    if (!m_state.run(runId))
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    QPointer<Engine> self(this);
    {
        const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
        if (!self || m_closing)
            co_return stoppedError();
        const RunState state = m_state.run(runId)->run.state;
        if (isTerminal(state))
            co_return conflict(u"run %1 is %2 already"_s.arg(runId, stateWords(state)));
        if (!canTransition(state, RunState::Cancelled))
            co_return conflict(
                u"run %1 is applying its approved actions; wait for them to finish"_s.arg(runId));
        const QString why = reason.isEmpty() ? u"cancelled by %1"_s.arg(actor) : reason;
        const auto moved = co_await transitionLocked(runId, RunState::Cancelled, why, actor);
        if (!moved)
            co_return moved;
    }
    if (!self)
        co_return {};
    if (RunController *controller = m_controllers.value(runId))
        controller->stop();
    else
        removeWorkspace(runId);
    co_return {};
}

QCoro::Task<EngineResult<void>> Engine::pause(QString runId, QString actor, QString reason)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"pause runs"_s); !person)
        co_return person.error();
    if (!m_state.run(runId))
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    QPointer<Engine> self(this);
    const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
    if (!self || m_closing)
        co_return stoppedError();
    const RunRecord *record = m_state.run(runId);
    if (isTerminal(record->run.state))
        co_return conflict(
            u"run %1 is %2; there is nothing to pause"_s.arg(runId, stateWords(record->run.state)));
    if (record->paused)
        co_return conflict(u"run %1 is paused already"_s.arg(runId));
    EventDraft draft { runId, actor, lifecycle::paused, textPayload(u"reason"_s, reason) };
    const auto appended = co_await append(std::move(draft));
    if (!appended)
        co_return appended.error();
    co_return {};
}

QCoro::Task<EngineResult<void>> Engine::resume(QString runId, QString actor)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"resume runs"_s); !person)
        co_return person.error();
    if (!m_state.run(runId))
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    QPointer<Engine> self(this);
    {
        const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
        if (!self || m_closing)
            co_return stoppedError();
        if (!m_state.run(runId)->paused)
            co_return conflict(u"run %1 is not paused"_s.arg(runId));
        EventDraft draft { runId, actor, lifecycle::resumed, {} };
        const auto appended = co_await append(std::move(draft));
        if (!appended)
            co_return appended.error();
    }
    if (self) {
        if (RunController *controller = m_controllers.value(runId))
            controller->wakeUp();
    }
    co_return {};
}

QCoro::Task<EngineResult<void>> Engine::steer(QString runId, QString text, QString actor)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"steer runs"_s); !person)
        co_return person.error();
    if (text.trimmed().isEmpty())
        co_return invalid(u"the steering message is empty; write what the agent should do differently"_s);
    const RunRecord *record = m_state.run(runId);
    if (!record)
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    if (isTerminal(record->run.state))
        co_return conflict(
            u"run %1 is %2; nobody reads steering now"_s.arg(runId, stateWords(record->run.state)));
    EventDraft draft { runId, actor, lifecycle::steered, textPayload(u"text"_s, text) };
    const auto appended = co_await append(std::move(draft));
    if (!appended)
        co_return appended.error();
    co_return {};
}

QCoro::Task<EngineResult<Decision>> Engine::answerCheckpoint(QString checkpointId, Decision decision)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(decision.decider, u"decide checkpoints"_s); !person)
        co_return person.error();
    if (decision.role != Role::Lead && decision.role != Role::Reviewer) {
        co_return forbidden(u"the role '%1' only reads; a lead or a reviewer decides checkpoints"_s.arg(
            enumToString(decision.role)));
    }
    const RunRecord *record = m_state.runOfCheckpoint(checkpointId);
    if (!record)
        co_return notFound(u"there is no checkpoint '%1'"_s.arg(checkpointId));
    const QString runId = record->run.id;
    QPointer<Engine> self(this);
    {
        const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
        if (!self || m_closing)
            co_return stoppedError();
        record = m_state.run(runId);
        const RunRecord::CheckpointEntry *entry = record->checkpoint(checkpointId);
        if (entry->decision) {
            co_return conflict(
                u"checkpoint %1 was decided by %2 already"_s.arg(checkpointId, entry->decision->decider));
        }
        if (isTerminal(record->run.state)) {
            co_return conflict(
                u"run %1 is %2; its checkpoints are closed"_s.arg(runId, stateWords(record->run.state)));
        }
        const Checkpoint::Kind kind = entry->checkpoint.kind;
        if (!verdictFits(kind, decision.verdict)) {
            co_return invalid(u"a %1 checkpoint takes the verdict %2, not %3"_s.arg(
                enumToString(kind), verdictsFor(kind), enumToString(decision.verdict)));
        }
        if (kind == Checkpoint::Kind::Question && decision.text.trimmed().isEmpty())
            co_return invalid(u"the answer is empty; write it in the decision's text"_s);
        decision.checkpointId = checkpointId;
        decision.decidedAt = QDateTime::currentDateTimeUtc();
        EventDraft draft { runId, decision.decider, lifecycle::checkpointDecided, decisionPayload(decision) };
        const auto appended = co_await append(std::move(draft));
        if (!appended)
            co_return appended.error();
        if (kind == Checkpoint::Kind::Budget && decision.verdict == Decision::Verdict::Reject) {
            const QString why = u"%1 did not raise the budget%2"_s.arg(
                decision.decider, decision.text.isEmpty() ? QString() : u": "_s + decision.text);
            const auto moved = co_await transitionLocked(runId, RunState::Cancelled, why, decision.decider);
            if (!moved)
                co_return moved.error();
        }
    }
    if (self) {
        if (RunController *controller = m_controllers.value(runId))
            controller->wakeUp();
    }
    co_return decision;
}

QCoro::Task<EngineResult<Decision>> Engine::review(QString runId, ReviewRequest request, QString actor,
                                                   Role role)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"review results"_s); !person)
        co_return person.error();
    if (role != Role::Lead && role != Role::Reviewer)
        co_return forbidden(
            u"the role '%1' only reads; a lead or a reviewer reviews"_s.arg(enumToString(role)));
    using V = Decision::Verdict;
    if (request.verdict != V::Approve && request.verdict != V::RequestChanges && request.verdict != V::Reject)
        co_return invalid(u"a review approves, requests changes or rejects"_s);
    if (request.verdict == V::RequestChanges && request.text.trimmed().isEmpty()
        && request.comments.isEmpty())
        co_return invalid(u"say what to change: give a text or comments on lines"_s);
    if (!m_state.run(runId))
        co_return notFound(u"there is no run '%1'"_s.arg(runId));

    QPointer<Engine> self(this);
    Decision decision;
    {
        const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
        if (!self || m_closing)
            co_return stoppedError();
        const RunRecord *record = m_state.run(runId);
        if (record->run.state != RunState::InReview) {
            co_return conflict(u"run %1 is %2; only a run in review takes a verdict"_s.arg(
                runId, stateWords(record->run.state)));
        }
        const int version = record->latestArtifact()->version;
        if (request.version != 0 && request.version != version) {
            co_return conflict(
                u"version %1 of run %2 was superseded; review version %3"_s.arg(request.version)
                    .arg(runId)
                    .arg(version));
        }
        decision.checkpointId = u"%1:v%2"_s.arg(runId).arg(version);
        decision.decider = actor;
        decision.role = role;
        decision.verdict = request.verdict;
        decision.text = request.text;
        decision.comments = request.comments;
        decision.decidedAt = QDateTime::currentDateTimeUtc();
        EventDraft draft { runId, actor, lifecycle::reviewDecided, reviewPayload(version, decision) };
        const auto reviewed = co_await append(std::move(draft));
        if (!reviewed)
            co_return reviewed.error();
        EngineResult<void> moved;
        // Reasons are named locals: GCC 12 destroys a temporary built
        // inside a co_await expression twice (a double free).
        if (request.verdict == V::Approve) {
            const QString why = u"approved by %1"_s.arg(actor);
            moved = co_await transitionLocked(runId, RunState::Approved, why, actor);
        } else if (request.verdict == V::Reject) {
            const QString why =
                u"rejected by %1%2"_s.arg(actor, request.text.isEmpty() ? QString() : u": "_s + request.text);
            moved = co_await transitionLocked(runId, RunState::Rejected, why, actor);
        } else {
            // The agent reads the comments as a message from the reviewer
            // when it goes on.
            EventDraft message { runId, actor, QString(agentevents::message),
                                 changeRequestPayload(decision, version) };
            const auto told = co_await append(std::move(message));
            if (!told)
                co_return told.error();
            moved = co_await transitionLocked(runId, RunState::ChangesRequested,
                                              u"%1 requested changes to version %2"_s.arg(actor).arg(version),
                                              actor);
        }
        if (!moved)
            co_return moved.error();
    }
    if (self && request.verdict == V::Reject)
        removeWorkspace(runId);
    co_return decision;
}

QCoro::Task<EngineResult<Artifact>> Engine::reviseArtifact(QString runId, QJsonObject content,
                                                           QString summary, QString actor, Role role)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"edit results"_s); !person)
        co_return person.error();
    if (role != Role::Lead && role != Role::Reviewer)
        co_return forbidden(
            u"the role '%1' only reads; a lead or a reviewer edits"_s.arg(enumToString(role)));
    if (!m_state.run(runId))
        co_return notFound(u"there is no run '%1'"_s.arg(runId));

    QPointer<Engine> self(this);
    const AsyncMutex::Guard guard = co_await lockFor(runId).lock();
    if (!self || m_closing)
        co_return stoppedError();
    const RunRecord *record = m_state.run(runId);
    if (record->run.state != RunState::InReview || !record->latestArtifact()) {
        co_return conflict(u"run %1 is %2; only a version in review can be edited"_s.arg(
            runId, stateWords(record->run.state)));
    }
    const Artifact &latest = *record->latestArtifact();
    if (latest.kind() != ArtifactKind::Report && latest.kind() != ArtifactKind::Issues) {
        co_return invalid(
            u"a %1 is not edited by hand; request changes and the agent makes the next version"_s.arg(
                enumToString(latest.kind())));
    }
    QJsonObject json = latest.toJson();
    json.insert(u"content"_s, content);
    if (!summary.trimmed().isEmpty())
        json.insert(u"summary"_s, summary.trimmed());
    json.insert(u"version"_s, latest.version + 1);
    json.insert(u"created_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    FieldErrors errors;
    const std::optional<Artifact> revised = Artifact::fromJson(json, &errors);
    if (!revised || revised->kind() != latest.kind()) {
        co_return invalid(u"the edited %1 cannot be read: %2"_s.arg(
            enumToString(latest.kind()),
            errors.isEmpty() ? u"its kind changed"_s : errors.constFirst().toString()));
    }
    const QJsonObject payload { { u"artifact"_s, revised->toJson() }, { u"revised_by"_s, actor } };
    EventDraft draft { runId, actor, lifecycle::artifactSubmitted, payload };
    const auto appended = co_await append(std::move(draft));
    if (!appended)
        co_return appended.error();
    // The agent learns of the edit if it is asked for more later.
    const QJsonObject note {
        { u"role"_s, u"user"_s },
        { u"text"_s,
          u"%1 edited version %2 into version %3."_s.arg(actor).arg(latest.version).arg(revised->version) },
        { u"revision"_s, true },
        { u"version"_s, revised->version }
    };
    EventDraft message { runId, actor, QString(agentevents::message), note };
    const auto told = co_await append(std::move(message));
    if (!told)
        co_return told.error();
    co_return *revised;
}

QCoro::Task<EngineResult<QJsonObject>> Engine::act(QString runId, ActRequest request, QString actor,
                                                   Role role)
{
    if (auto open = checkOpen(); !open)
        co_return open.error();
    if (auto person = checkPerson(actor, u"release actions"_s); !person)
        co_return person.error();
    if (role != Role::Lead && role != Role::Reviewer) {
        co_return forbidden(
            u"the role '%1' only reads; a lead or a reviewer releases actions"_s.arg(enumToString(role)));
    }
    const RunRecord *record = m_state.run(runId);
    if (!record)
        co_return notFound(u"there is no run '%1'"_s.arg(runId));
    const bool approved = record->run.state == RunState::Approved;
    const bool interruptedActing =
        record->run.state == RunState::Interrupted && record->interruptedFrom == RunState::Applying;
    if (!approved && !interruptedActing) {
        co_return conflict(u"run %1 is %2; actions run only after its result was approved"_s.arg(
            runId, stateWords(record->run.state)));
    }
    if (!request.steps.isEmpty() && !m_actionRunner)
        co_return unavailable(u"this engine has no action runner; approved actions cannot run here yet"_s);

    QPointer<Engine> self(this);
    ActionCall base;
    base.runId = runId;
    base.artifact = *record->latestArtifact();
    base.workspace = record->workspace;
    QJsonArray reports;
    if (request.dryRun) {
        for (const ActRequest::Step &step : std::as_const(request.steps)) {
            ActionCall call = base;
            call.kind = step.kind;
            call.parameters = step.parameters;
            const ActionReport report = co_await m_actionRunner->preview(call);
            if (!self)
                co_return stoppedError();
            reports.append(actionPayload(step, report));
        }
        co_return QJsonObject { { u"dry_run"_s, true }, { u"actions"_s, reports } };
    }

    if (request.steps.isEmpty()) {
        const auto completed = co_await transition(runId, RunState::Completed,
                                                   u"%1 completed it without actions"_s.arg(actor), actor);
        if (!completed)
            co_return completed.error();
        if (self)
            removeWorkspace(runId);
        co_return QJsonObject { { u"dry_run"_s, false }, { u"actions"_s, reports } };
    }
    const auto applying = co_await transition(
        runId, RunState::Applying, u"%1 released %2 action(s)"_s.arg(actor).arg(request.steps.size()), actor);
    if (!applying)
        co_return applying.error();
    QString failure;
    for (const ActRequest::Step &step : std::as_const(request.steps)) {
        if (!self || m_closing)
            co_return stoppedError();
        ActionCall call = base;
        call.kind = step.kind;
        call.parameters = step.parameters;
        const ActionReport report = co_await m_actionRunner->run(call);
        if (!self || m_closing)
            co_return stoppedError();
        const QJsonObject payload = actionPayload(step, report);
        reports.append(payload);
        EventDraft draft { runId, actor, lifecycle::actionExecuted, payload };
        const auto recorded = co_await append(std::move(draft));
        if (!recorded)
            co_return recorded.error();
        if (!report.ok) {
            failure = u"%1 failed: %2"_s.arg(step.kind, report.message);
            break;
        }
    }
    const RunState end = failure.isEmpty() ? RunState::Completed : RunState::Failed;
    const QString why = failure.isEmpty() ? u"the approved actions ran"_s : failure;
    const auto finished = co_await transition(runId, end, why, actor);
    if (!finished)
        co_return finished.error();
    if (self)
        removeWorkspace(runId);
    co_return QJsonObject { { u"dry_run"_s, false },
                            { u"actions"_s, reports },
                            { u"ok"_s, failure.isEmpty() } };
}

// --- Reading

EngineResult<QList<Event>> Engine::events(const QString &runId, qint64 afterSequence, int limit)
{
    if (!m_reader)
        return unavailable(u"the engine is not open"_s);
    if (!runId.isEmpty() && !m_state.run(runId))
        return notFound(u"there is no run '%1'"_s.arg(runId));
    limit = std::clamp(limit <= 0 ? 200 : limit, 1, 1000);
    QList<Event> events;
    auto visit = [&](const EncodedEvent &event, QByteArrayView hash) {
        if (event.sequence <= afterSequence)
            return true;
        events.append(EventRepository::decode(event, hash));
        return events.size() < limit;
    };
    StoreError error;
    if (runId.isEmpty()) {
        error = m_reader->events().forEach(afterSequence + 1, visit);
    } else {
        EventFilter filter;
        filter.runId = runId;
        error = m_reader->events().forEach(filter, visit);
    }
    if (error)
        return unavailable(u"cannot read the event log: %1"_s.arg(*error));
    return events;
}

QCoro::Task<EngineResult<VerifyReport>> Engine::verify(ChainVerifier::Progress progress)
{
    if (!m_store)
        co_return unavailable(u"the engine is not open"_s);
    // Named, not converted inside the await: GCC 12 destroys a temporary
    // made for a coroutine's argument twice.
    const QString path = storePath();
    std::function<EngineResult<VerifyReport>(EventReader &)> work = [progress](EventReader &reader) {
        // Often enough for a progress bar to move on a large log.
        StoreResult<VerifyReport> report = ChainVerifier::verify(reader.events(), progress, 16'384);
        if (!report)
            return EngineResult<VerifyReport>(unavailable(report.error()));
        return EngineResult<VerifyReport>(std::move(report).value());
    };
    co_return co_await onReaderThread<VerifyReport>(path, std::move(work));
}

QCoro::Task<EngineResult<SearchPage>> Engine::search(SearchRequest request)
{
    if (!m_store)
        co_return unavailable(u"the engine is not open"_s);
    const QString path = storePath();
    std::function<EngineResult<SearchPage>(EventReader &)> work = [request](EventReader &reader) {
        StoreResult<SearchPage> page = reader.events().search(request);
        if (!page)
            return EngineResult<SearchPage>(invalid(page.error()));
        return EngineResult<SearchPage>(std::move(page).value());
    };
    co_return co_await onReaderThread<SearchPage>(path, std::move(work));
}

namespace {

// The history timeline's queries use SQLite's full-text index and JSON
// functions; on a PostgreSQL store they answer with this until they have a
// PostgreSQL form. runs.events, audit.search and audit.export work on both.
QString historyNeedsSqlite()
{
    return u"the history timeline's filters are not available on a PostgreSQL store yet; use audit.search "
           "and audit.export (delegatectl audit search|export), which work on both databases"_s;
}

} // namespace

QCoro::Task<EngineResult<HistoryPage>> Engine::history(HistoryRequest request)
{
    if (!m_store)
        co_return unavailable(u"the engine is not open"_s);
    const QString path = storePath();
    std::function<EngineResult<HistoryPage>(EventReader &)> work = [request](EventReader &reader) {
        if (!reader.sqliteConnection())
            return EngineResult<HistoryPage>(unavailable(historyNeedsSqlite()));
        HistoryQuery query(*reader.sqliteConnection(), reader.events());
        StoreResult<HistoryPage> page = query.page(request);
        if (!page) {
            // Only the query's own syntax can make a read fail here.
            return EngineResult<HistoryPage>(request.query.isEmpty() ? unavailable(page.error())
                                                                     : invalid(page.error()));
        }
        return EngineResult<HistoryPage>(std::move(page).value());
    };
    co_return co_await onReaderThread<HistoryPage>(path, std::move(work));
}

QCoro::Task<EngineResult<HistoryFacets>> Engine::historyFacets()
{
    if (!m_store)
        co_return unavailable(u"the engine is not open"_s);
    const QString path = storePath();
    std::function<EngineResult<HistoryFacets>(EventReader &)> work = [](EventReader &reader) {
        if (!reader.sqliteConnection())
            return EngineResult<HistoryFacets>(unavailable(historyNeedsSqlite()));
        HistoryQuery query(*reader.sqliteConnection(), reader.events());
        StoreResult<HistoryFacets> facets = query.facets();
        if (!facets)
            return EngineResult<HistoryFacets>(unavailable(facets.error()));
        return EngineResult<HistoryFacets>(std::move(facets).value());
    };
    co_return co_await onReaderThread<HistoryFacets>(path, std::move(work));
}

QCoro::Task<EngineResult<QByteArray>> Engine::exportEvents(EventExporter::Format format, EventFilter filter)
{
    if (!m_store)
        co_return unavailable(u"the engine is not open"_s);
    const QString path = storePath();
    std::function<EngineResult<QByteArray>(EventReader &)> work = [format, filter](EventReader &reader) {
        QByteArray data;
        QBuffer buffer(&data);
        buffer.open(QIODevice::WriteOnly);
        const StoreResult<ExportSummary> summary =
            EventExporter::write(reader.events(), buffer, format, filter);
        if (!summary)
            return EngineResult<QByteArray>(unavailable(summary.error()));
        buffer.close();
        return EngineResult<QByteArray>(data);
    };
    co_return co_await onReaderThread<QByteArray>(path, std::move(work));
}

QCoro::Task<EngineResult<Engine::HistoryExport>> Engine::exportHistory(EventExporter::Format format,
                                                                       HistoryRequest request)
{
    if (!m_store)
        co_return unavailable(u"the engine is not open"_s);
    const QString path = storePath();
    std::function<EngineResult<HistoryExport>(EventReader &)> work = [format, request](EventReader &reader) {
        HistoryExport result;
        QBuffer buffer(&result.text);
        buffer.open(QIODevice::WriteOnly);
        if (!reader.sqliteConnection())
            return EngineResult<HistoryExport>(unavailable(historyNeedsSqlite()));
        HistoryQuery query(*reader.sqliteConnection(), reader.events());
        const StoreResult<ExportSummary> summary =
            EventExporter::write(query, reader.events(), buffer, format, request);
        if (!summary) {
            return EngineResult<HistoryExport>(request.query.isEmpty() ? unavailable(summary.error())
                                                                       : invalid(summary.error()));
        }
        buffer.close();
        result.summary = summary.value();
        return EngineResult<HistoryExport>(std::move(result));
    };
    co_return co_await onReaderThread<HistoryExport>(path, std::move(work));
}

// --- Scheduling

void Engine::scheduleSoon()
{
    if (m_scheduleQueued || !m_open || m_closing)
        return;
    m_scheduleQueued = true;
    // Many events arrive in one burst (a submission of 50 runs); one pass
    // after the burst is enough.
    QTimer::singleShot(0, this, [this] {
        m_scheduleQueued = false;
        schedule();
    });
}

void Engine::schedule()
{
    if (!m_open || m_closing)
        return;
    QSet<QString> busy;
    for (auto it = m_controllers.cbegin(); it != m_controllers.cend(); ++it)
        busy.insert(it.key());
    const Admission admission =
        m_scheduler.admit(m_state, busy, m_holding, QDateTime::currentDateTimeUtc().date());
    for (const BudgetHold &hold : admission.holds) {
        m_holding.insert(hold.runId);
        holdForBudget(hold);
    }
    for (const QString &runId : admission.start) {
        // A run of an SSH environment starts once a host of its pool has a
        // free place; until then it keeps waiting.
        const RunRecord *record = m_state.run(runId);
        if (record && record->environment.sandbox.kind == SandboxTarget::Kind::Ssh) {
            QString why;
            if (!m_remoteHosts->place(runId, record->environment, &why))
                continue;
        }
        startController(runId);
    }
}

Sandbox *Engine::sandboxFor(const QString &runId, const EnvironmentProfile &environment)
{
    if (environment.sandbox.kind != SandboxTarget::Kind::Ssh)
        return m_sandbox;
    const QString host = m_remoteHosts->placementOf(runId);
    if (host.isEmpty())
        return nullptr;
    return m_remoteHosts->sandbox(host, environment.pool.sshConfig);
}

QCoro::Task<void> Engine::holdForBudget(BudgetHold hold)
{
    QPointer<Engine> self(this);
    {
        const AsyncMutex::Guard guard = co_await lockFor(hold.runId).lock();
        if (!self || m_closing)
            co_return;
        const RunRecord *record = m_state.run(hold.runId);
        if (record && record->run.state == RunState::Queued && !record->budgetApproved
            && !record->hasOpenCheckpoint(Checkpoint::Kind::Budget)) {
            const auto count = std::count_if(record->checkpoints.cbegin(), record->checkpoints.cend(),
                                             [](const RunRecord::CheckpointEntry &entry) {
                                                 return entry.checkpoint.kind == Checkpoint::Kind::Budget;
                                             });
            Checkpoint checkpoint;
            checkpoint.id = u"%1:budget-%2"_s.arg(hold.runId).arg(count + 1);
            checkpoint.runId = hold.runId;
            checkpoint.kind = Checkpoint::Kind::Budget;
            checkpoint.prompt = hold.prompt;
            checkpoint.body = u"%1 budget: $%2; projected with this run: $%3."_s
                                  .arg(hold.budget == BudgetHold::Budget::Daily ? u"Daily"_s : u"Batch"_s)
                                  .arg(hold.limitUsd, 0, 'f', 2)
                                  .arg(hold.projectedUsd, 0, 'f', 2);
            checkpoint.options = { u"approve"_s, u"reject"_s };
            checkpoint.createdAt = QDateTime::currentDateTimeUtc();
            EventDraft draft { hold.runId, u"system"_s, lifecycle::checkpointOpened,
                               checkpointPayload(checkpoint) };
            co_await append(std::move(draft));
        }
    }
    if (self)
        m_holding.remove(hold.runId);
}

void Engine::startController(const QString &runId)
{
    auto *controller = new RunController(this, runId);
    controller->setParent(this);
    m_controllers.insert(runId, controller);
    connect(controller, &RunController::finished, this, [this](const QString &finishedId) {
        m_controllers.remove(finishedId);
        m_remoteHosts->release(finishedId);
        scheduleSoon();
    });
    controller->start();
}

QCoro::Task<void> Engine::removeWorkspace(QString runId)
{
    const RunRecord *record = m_state.run(runId);
    if (!record || record->workspace.isEmpty() || !m_workspaces)
        co_return;
    const auto loaded = m_workspaces->load(runId);
    if (!loaded)
        co_return;
    // The branch stays when an action committed on it.
    const bool keepBranch = record->actedUpon();
    QPointer<Engine> self(this);
    ++m_workspaceRemovals;
    const auto removed = co_await m_workspaces->remove(loaded.value(), keepBranch);
    if (!removed.ok())
        qWarning("delegated: could not remove the workspace of run %s: %s", qPrintable(runId),
                 qPrintable(removed.error().message));
    if (self && --m_workspaceRemovals == 0)
        Q_EMIT workspaceRemovalsFinished();
}

} // namespace delegate
