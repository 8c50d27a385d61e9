// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcontroller.h"

#include "agenthistory.h"
#include "agents/builtin/builtinagent.h"
#include "agents/cli/cliagentruntime.h"
#include "agents/llm/llmclient.h"
#include "agents/playbook/playbookruntime.h"
#include "artifactbuilder.h"
#include "engine.h"
#include "lifecycleevents.h"
#include "policy/sandboxpolicybuilder.h"
#include "policy/secretprovider.h"
#include "remotehosts.h"
#include "sandbox/localsandbox.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxsession.h"
#include "workspace/workspacemanager.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

// How long one wait for a person lasts before the controller looks again;
// a decision or a cancellation wakes it sooner.
constexpr std::chrono::minutes recheckInterval { 1 };

HumanReply replyTo(const Decision &decision)
{
    HumanReply reply;
    reply.text = decision.text;
    reply.decidedBy = decision.decider;
    switch (decision.verdict) {
    case Decision::Verdict::Answer:
        reply.verdict = HumanReply::Verdict::Answered;
        break;
    case Decision::Verdict::Approve:
        reply.verdict = HumanReply::Verdict::Approved;
        break;
    case Decision::Verdict::RequestChanges:
        reply.verdict = HumanReply::Verdict::ChangesRequested;
        break;
    case Decision::Verdict::Reject:
        reply.verdict = HumanReply::Verdict::Rejected;
        break;
    }
    return reply;
}

HumanReply withdrawn()
{
    return HumanReply { HumanReply::Verdict::Cancelled, u"The run was stopped."_s, {} };
}

QJsonObject provisionedPayload(const Workspace &workspace, const QString &host)
{
    return { { u"workspace"_s, workspace.toJson() },
             { u"base_commit"_s, workspace.baseCommit },
             { u"host"_s, host } };
}

// Errors that say the host is not there (rather than misconfigured): the
// run waits for another host instead of failing.
bool hostIsGone(const SandboxError &error)
{
    return error.code == SandboxErrorCode::HostUnreachable || error.code == SandboxErrorCode::HostLost;
}

QJsonObject usagePayload(qint64 input, qint64 output, std::optional<double> cost)
{
    QJsonObject payload { { u"input_tokens"_s, input }, { u"output_tokens"_s, output } };
    if (cost)
        payload.insert(u"cost_usd"_s, *cost);
    return payload;
}

} // namespace

RunController::RunController(Engine *engine, QString runId)
    : m_engine(engine)
    , m_runId(std::move(runId))
{ }

RunController::~RunController() = default;

void RunController::start()
{
    if (m_started)
        return;
    m_started = true;
    drive();
}

void RunController::stop()
{
    m_stopped = true;
    if (m_runtime)
        m_runtime->cancel();
    // Kills whatever runs in the sandbox now; drive() waits for the rest.
    if (m_session)
        m_session->teardown();
    m_wakeup.wakeAll();
}

void RunController::abandon()
{
    m_abandoned = true;
    stop();
}

bool RunController::isGone() const
{
    return m_abandoned || !m_engine;
}

QCoro::Task<void> RunController::drive()
{
    QPointer<RunController> self(this);
    co_await work();
    if (!self)
        co_return;
    co_await releaseSandbox();
    if (!self)
        co_return;
    if (!isGone()) {
        const RunRecord *record = m_engine->state().run(m_runId);
        if (record && isTerminal(record->run.state))
            co_await removeWorkspace();
    }
    if (!self)
        co_return;
    Q_EMIT finished(m_runId);
    deleteLater();
}

QCoro::Task<void> RunController::work()
{
    QPointer<RunController> self(this);
    if (isGone() || m_stopped)
        co_return;
    const RunRecord *record = m_engine->state().run(m_runId);
    if (!record)
        co_return;
    // Copies: the state's records move when runs are added.
    const Run run = record->run;
    const QJsonObject recordedWorkspace = record->workspace;
    const EnvironmentProfile environment = record->environment;
    const std::optional<Skill> skill = record->skill;
    const bool reviewRound = run.state == RunState::ChangesRequested;
    m_host = environment.sandbox.kind == SandboxTarget::Kind::Ssh
        ? m_engine->remoteHosts()->placementOf(m_runId)
        : u"local"_s;

    if (run.state == RunState::Queued || run.state == RunState::Interrupted) {
        QString reason;
        if (run.state == RunState::Interrupted)
            reason = m_host == u"local"_s ? u"resuming after the engine stopped"_s
                                          : u"resuming on host %1"_s.arg(m_host);
        if (!co_await moveTo(RunState::Provisioning, reason))
            co_return;
    } else if (!reviewRound) {
        co_return;
    }

    m_workspace = co_await provideWorkspace(run, recordedWorkspace);
    if (!self || !m_workspace || isGone() || m_stopped)
        co_return;
    if (!co_await prepareSandbox(*m_workspace))
        co_return;
    QString error;
    m_runtime = makeRuntime(run, &error);
    if (!m_runtime) {
        co_await fail(error);
        co_return;
    }
    if (!co_await moveTo(RunState::Running,
                         reviewRound ? u"working on the reviewer's comments"_s : QString()))
        co_return;

    const AgentHistory history = AgentHistory::fromEvents(m_engine->runEvents(m_runId));
    m_steeringTaken = history.steeringTaken;
    AgentOutcome outcome;
    if (history.pendingSubmission) {
        // The agent handed this in just before the engine stopped.
        outcome.status = AgentOutcome::Status::Submitted;
        outcome.submission = history.pendingSubmission;
    } else {
        AgentRunContext context;
        context.runId = m_runId;
        context.task = run.task;
        context.environment = environment;
        context.session = m_session.get();
        context.skill = skill;
        context.history = history.events;
        context.startedAt = m_engine->state().run(m_runId)->startedAt;
        if (!context.startedAt.isValid())
            context.startedAt = QDateTime::currentDateTimeUtc();
        outcome = co_await m_runtime->run(context, this);
        if (!self)
            co_return;
    }
    if (!m_hostLost.isEmpty()) {
        co_await interruptForLostHost();
        co_return;
    }
    if (isGone())
        co_return;
    co_await recordUsage(outcome);
    if (!self || isGone())
        co_return;
    co_await conclude(outcome);
}

QCoro::Task<bool> RunController::moveTo(RunState to, QString reason)
{
    if (isGone())
        co_return false;
    QPointer<RunController> self(this);
    const auto moved = co_await m_engine->transition(m_runId, to, reason);
    if (!self || isGone())
        co_return false;
    co_return moved.ok();
}

QCoro::Task<std::optional<Workspace>> RunController::provideWorkspace(Run run, QJsonObject recorded)
{
    QPointer<RunController> self(this);
    WorkspaceManager *workspaces = m_engine->workspaces();
    // A run that was provisioned before goes on in the same tree: its
    // agent's edits are there.
    WorkspaceResult<Workspace> loaded = workspaces->load(m_runId);
    if (loaded.ok()) {
        if (recorded.isEmpty()) {
            EventDraft draft { m_runId, u"system"_s, lifecycle::provisioned,
                               provisionedPayload(loaded.value(), m_host) };
            co_await m_engine->append(std::move(draft));
        }
        co_return loaded.value();
    }
    if (!recorded.isEmpty()) {
        co_await fail(
            u"the workspace of run %1 is gone (%2), so the run cannot go on where it stopped; submit "
            "the task again"_s.arg(m_runId, loaded.error().message));
        co_return std::nullopt;
    }

    WorkspaceRequest request;
    request.runId = m_runId;
    request.source = run.task.scope.repository;
    request.baseRef = run.task.scope.baseRef;
    // A task without a repository works in an empty directory of its own.
    std::optional<QTemporaryDir> empty;
    if (request.source.isEmpty()) {
        empty.emplace();
        request.source = empty->path();
    }
    WorkspaceResult<Workspace> created = co_await workspaces->create(request);
    if (!self || isGone())
        co_return std::nullopt;
    if (!created.ok()) {
        const QString why = u"could not make the run's workspace: %1"_s.arg(created.error().message);
        co_await fail(why);
        co_return std::nullopt;
    }
    EventDraft draft { m_runId, u"system"_s, lifecycle::provisioned,
                       provisionedPayload(created.value(), m_host) };
    const auto recordedNow = co_await m_engine->append(std::move(draft));
    if (!self || isGone() || !recordedNow)
        co_return std::nullopt;
    co_return created.value();
}

QCoro::Task<bool> RunController::prepareSandbox(const Workspace &workspace)
{
    QPointer<RunController> self(this);
    const RunRecord *record = m_engine->state().run(m_runId);
    const EnvironmentProfile environment = record->environment;
    // Secret values may come from the keychain, which answers asynchronously.
    const QStringList secretNames = environment.capabilities.secrets;
    co_await m_engine->secrets().prefetch(secretNames);
    if (!self || isGone())
        co_return false;
    const EngineOptions &options = m_engine->options();
    const SandboxPolicyBuilder builder(
        m_engine->secrets(),
        options.toolSearchPath.isEmpty()
            ? ToolLocator::fromEnvironment(QProcessEnvironment::systemEnvironment(), options.toolDirs)
            : ToolLocator(options.toolDirs, options.toolSearchPath));
    const PolicyBuild build = builder.build(environment, workspace.path);
    if (!build.ok()) {
        QStringList problems;
        for (const PolicyProblem &problem : build.problems)
            problems.append(problem.toString());
        const QString why = u"environment '%1' cannot become a sandbox on this machine: %2"_s.arg(
            environment.name, problems.join(u"; "_s));
        co_await fail(why);
        co_return false;
    }
    Sandbox *sandbox = m_engine->sandboxFor(m_runId, environment);
    if (!sandbox) {
        const QString why = u"run %1 has no host to run on; submit it again"_s.arg(m_runId);
        co_await fail(why);
        co_return false;
    }
    auto session = co_await sandbox->prepare(*build.policy);
    if (!self)
        co_return false;
    if (session.ok()) {
        m_session = session.takeValue();
        connect(m_session.get(), &SandboxSession::lost, this, &RunController::hostLost);
        if (m_host != u"local"_s) {
            EventDraft draft { m_runId, u"system"_s, u"sandbox.placed"_s,
                               QJsonObject { { u"host"_s, m_host } } };
            co_await m_engine->append(std::move(draft));
            if (!self)
                co_return false;
        }
    }
    if (isGone() || m_stopped)
        co_return false;
    if (!session.ok() && hostIsGone(session.error())) {
        m_hostLost = session.error().message;
        co_await interruptForLostHost();
        co_return false;
    }
    if (!session.ok()) {
        const QString why = u"could not prepare the sandbox: %1"_s.arg(session.error().message);
        co_await fail(why);
        co_return false;
    }
    co_return true;
}

AgentRuntime *RunController::makeRuntime(const Run &run, QString *error)
{
    const AgentSpec &agent = run.task.agent;
    switch (agent.runtime) {
    case AgentSpec::Runtime::Builtin: {
        const QString provider = m_engine->scheduler().providerOf(run);
        const auto entry = m_engine->options().providers.constFind(provider);
        m_client = m_engine->client(provider);
        if (!m_client || entry == m_engine->options().providers.cend()) {
            *error = u"no model provider '%1' is configured in this engine; configure it and submit the task "
                     "again"_s.arg(provider);
            return nullptr;
        }
        BuiltinAgent::Options options;
        options.model = agent.model.isEmpty() ? entry->defaultModel : agent.model;
        options.prices = m_engine->options().prices;
        return new BuiltinAgent(m_client.get(), options, this);
    }
    case AgentSpec::Runtime::Playbook:
        return new PlaybookRuntime(this);
    case AgentSpec::Runtime::ClaudeCode:
    case AgentSpec::Runtime::Codex:
    case AgentSpec::Runtime::Gemini:
        break;
    }
    const std::optional<CliAgentProfile> profile = CliAgentProfile::forRuntime(agent.runtime);
    if (!profile) {
        *error = u"this engine cannot run agent runtime '%1'"_s.arg(enumToString(agent.runtime));
        return nullptr;
    }
    return new CliAgentRuntime(*profile, this);
}

QCoro::Task<void> RunController::recordUsage(const AgentOutcome &outcome)
{
    const RunUsage usage = m_engine->state().run(m_runId)->run.usage;
    const bool grew = outcome.inputTokens > usage.tokensIn || outcome.outputTokens > usage.tokensOut
        || (outcome.costUsd && *outcome.costUsd > usage.costUsd);
    if (!grew)
        co_return;
    std::optional<double> cost;
    if (outcome.costUsd)
        cost = std::max(*outcome.costUsd, usage.costUsd);
    EventDraft draft { m_runId, u"system"_s, lifecycle::usage,
                       usagePayload(std::max(outcome.inputTokens, usage.tokensIn),
                                    std::max(outcome.outputTokens, usage.tokensOut), cost) };
    co_await m_engine->append(std::move(draft));
}

QCoro::Task<void> RunController::conclude(AgentOutcome outcome)
{
    QPointer<RunController> self(this);
    const RunRecord *record = m_engine->state().run(m_runId);
    if (!record || isTerminal(record->run.state))
        co_return; // cancelled meanwhile: nothing of the agent's counts now
    switch (outcome.status) {
    case AgentOutcome::Status::Submitted: {
        if (!outcome.submission) {
            co_await fail(u"the agent reported a result but handed nothing in"_s);
            co_return;
        }
        // The tree is handed back from the sandbox before it is read.
        co_await releaseSandbox();
        if (!self || isGone())
            co_return;
        std::optional<WorkspacePatch> patch;
        if (outcome.submission->kind == "patch"_L1 && m_workspace) {
            WorkspaceResult<WorkspacePatch> collected =
                co_await m_engine->workspaces()->collectPatch(*m_workspace);
            if (!self || isGone())
                co_return;
            if (!collected.ok()) {
                const QString why = u"could not collect the patch: %1"_s.arg(collected.error().message);
                co_await fail(why);
                co_return;
            }
            patch = collected.value();
        }
        QString error;
        const std::optional<Artifact> artifact =
            ArtifactBuilder::build(m_runId, 0, *outcome.submission, patch, &error);
        if (!artifact) {
            co_await fail(error);
            co_return;
        }
        const auto submitted = co_await m_engine->submitArtifact(m_runId, *artifact);
        if (self && !isGone() && !submitted)
            qWarning("delegated: the result of run %s was not taken: %s", qPrintable(m_runId),
                     qPrintable(submitted.error().message));
        co_return;
    }
    case AgentOutcome::Status::Rejected:
        if (canTransition(record->run.state, RunState::Rejected))
            co_await moveTo(RunState::Rejected, outcome.reason);
        else
            co_await fail(outcome.reason);
        co_return;
    case AgentOutcome::Status::Cancelled:
        if (outcome.reason.isEmpty())
            outcome.reason = u"the agent stopped"_s;
        co_await moveTo(RunState::Cancelled, outcome.reason);
        co_return;
    case AgentOutcome::Status::Failed:
    case AgentOutcome::Status::LimitReached:
        if (outcome.reason.isEmpty())
            outcome.reason = u"the agent failed without saying why"_s;
        co_await fail(outcome.reason);
        co_return;
    }
}

void RunController::hostLost(const QString &reason)
{
    if (!m_hostLost.isEmpty())
        return;
    m_hostLost = reason;
    // The agent stops at its next step; what it recorded stays, and the
    // run goes on elsewhere from there.
    if (m_runtime)
        m_runtime->cancel();
    m_wakeup.wakeAll();
}

QCoro::Task<void> RunController::interruptForLostHost()
{
    if (isGone())
        co_return;
    const RunRecord *record = m_engine->state().run(m_runId);
    if (!record)
        co_return;
    m_engine->remoteHosts()->markUnreachable(m_host, record->environment.pool.sshConfig, m_hostLost);
    const QString reason =
        u"host %1 was lost: %2; the run resumes on another host of its pool"_s.arg(m_host, m_hostLost);
    if (canTransition(record->run.state, RunState::Interrupted))
        co_await moveTo(RunState::Interrupted, reason);
}

QCoro::Task<void> RunController::fail(QString reason)
{
    co_await moveTo(RunState::Failed, reason);
}

QCoro::Task<void> RunController::releaseSandbox()
{
    if (!m_session)
        co_return;
    // The agent's context only keeps a guarded pointer: once this is gone,
    // its tools answer that the sandbox is gone.
    std::unique_ptr<SandboxSession> session = std::move(m_session);
    co_await session->teardown();
}

QCoro::Task<void> RunController::removeWorkspace()
{
    if (isGone())
        co_return;
    WorkspaceResult<Workspace> workspace = m_engine->workspaces()->load(m_runId);
    if (!workspace.ok())
        co_return;
    const RunRecord *record = m_engine->state().run(m_runId);
    const bool keepBranch = record && record->actedUpon();
    const auto removed = co_await m_engine->workspaces()->remove(workspace.value(), keepBranch);
    if (!removed.ok())
        qWarning("delegated: could not remove the workspace of run %s: %s", qPrintable(m_runId),
                 qPrintable(removed.error().message));
}

// --- AgentHost

QCoro::Task<void> RunController::waitWhilePaused()
{
    QPointer<RunController> self(this);
    while (self && !isGone() && !m_stopped) {
        const RunRecord *record = m_engine->state().run(m_runId);
        if (!record || !record->paused)
            co_return;
        co_await m_wakeup.sleep(recheckInterval);
    }
}

QCoro::Task<void> RunController::record(AgentEvent event)
{
    QPointer<RunController> self(this);
    co_await waitWhilePaused();
    if (!self || isGone())
        co_return;
    EventDraft draft { m_runId, u"agent"_s, QString(event.kind), event.payload };
    const auto appended = co_await m_engine->append(std::move(draft));
    if (!self || isGone())
        co_return;
    if (!appended) {
        qWarning("delegated: could not record an event of run %s: %s", qPrintable(m_runId),
                 qPrintable(appended.error().message));
        co_return;
    }
    // The built-in agent reports running totals: keep the run's usage (and
    // so the budgets) current while it works.
    if (event.kind == agentevents::usage && event.payload.contains("total_input_tokens"_L1)) {
        std::optional<double> cost;
        if (event.payload.value("cost_usd"_L1).isDouble())
            cost = event.payload.value("cost_usd"_L1).toDouble();
        EventDraft draft { m_runId, u"system"_s, lifecycle::usage,
                           usagePayload(event.payload.value("total_input_tokens"_L1).toInteger(),
                                        event.payload.value("total_output_tokens"_L1).toInteger(), cost) };
        co_await m_engine->append(std::move(draft));
    }
}

QCoro::Task<HumanReply> RunController::ask(HumanQuestion question)
{
    Checkpoint checkpoint;
    checkpoint.id = m_runId + u':' + question.id;
    checkpoint.runId = m_runId;
    checkpoint.kind = Checkpoint::Kind::Question;
    checkpoint.prompt = question.text;
    checkpoint.options = question.options;
    co_return co_await waitForPerson(checkpoint);
}

QCoro::Task<HumanReply> RunController::reviewPlan(QString id, QString summary, QString plan)
{
    Checkpoint checkpoint;
    checkpoint.id = m_runId + u':' + id;
    checkpoint.runId = m_runId;
    checkpoint.kind = Checkpoint::Kind::Plan;
    checkpoint.prompt = summary;
    checkpoint.body = plan;
    co_return co_await waitForPerson(checkpoint);
}

QCoro::Task<HumanReply> RunController::waitForPerson(Checkpoint checkpoint)
{
    QPointer<RunController> self(this);
    if (isGone() || m_stopped)
        co_return withdrawn();
    const auto opened = co_await m_engine->openCheckpoint(checkpoint);
    if (!self || isGone() || m_stopped || !opened)
        co_return withdrawn();
    std::optional<Decision> decision = opened.value();
    while (!decision) {
        const RunRecord::CheckpointEntry *entry = m_engine->state().run(m_runId)->checkpoint(checkpoint.id);
        if (entry && entry->decision) {
            decision = entry->decision;
            break;
        }
        co_await m_wakeup.sleep(recheckInterval);
        if (!self || isGone() || m_stopped)
            co_return withdrawn();
    }
    const HumanReply reply = replyTo(*decision);
    // A rejected plan ends the run from waiting_for_human; anything else
    // lets the agent go on.
    if (!(checkpoint.kind == Checkpoint::Kind::Plan && reply.verdict == HumanReply::Verdict::Rejected))
        co_await m_engine->leaveWaiting(m_runId);
    co_return reply;
}

QStringList RunController::takeSteeringMessages()
{
    if (isGone())
        return {};
    const RunRecord *record = m_engine->state().run(m_runId);
    if (!record || m_steeringTaken >= record->steering.size())
        return {};
    const QStringList fresh = record->steering.mid(m_steeringTaken);
    m_steeringTaken = int(record->steering.size());
    return fresh;
}

} // namespace delegate
