// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliagentruntime.h"

#include "agents/agenthost.h"
#include "agents/builtin/systemprompt.h"
#include "sandbox/sandboxsession.h"

#include <QJsonArray>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString firstParagraph(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u"\n\n"_s);
    return (end < 0 ? trimmed : trimmed.left(end)).left(600);
}

QString resumeSessionFrom(const AgentEvents &history)
{
    QString session;
    for (const AgentEvent &event : history) {
        if (event.kind == agentevents::started)
            session = event.payload.value("session_id"_L1).toString(session);
    }
    return session;
}

AgentEvent refusalEvent(const QStringList &missing)
{
    return { agentevents::finished,
             { { u"status"_s, u"error"_s },
               { u"reason"_s, missing.join(u' ') },
               { u"missing_grants"_s, QJsonArray::fromStringList(missing) } } };
}

} // namespace

CliAgentRuntime::CliAgentRuntime(CliAgentProfile profile, QObject *parent)
    : AgentRuntime(parent)
    , m_profile(std::move(profile))
{ }

void CliAgentRuntime::cancel()
{
    m_cancelled = true;
}

QCoro::Task<AgentOutcome> CliAgentRuntime::run(AgentRunContext context, AgentHost *host)
{
    QPointer<CliAgentRuntime> self(this);
    AgentOutcome outcome;
    const Capabilities &capabilities = context.environment.capabilities;
    const QStringList missing = m_profile.missingGrants(capabilities);
    if (!missing.isEmpty()) {
        co_await host->record(refusalEvent(missing));
        outcome.status = AgentOutcome::Status::Failed;
        outcome.reason = u"%1 cannot start in environment '%2': %3"_s.arg(
            m_profile.displayName, context.environment.name, missing.join(u' '));
        co_return outcome;
    }
    if (!context.session) {
        outcome.reason = u"The run has no sandbox session."_s;
        co_return outcome;
    }

    const TaskSpec &task = context.task;
    SystemPromptInputs inputs {
        task, {}, (context.skill ? context.skill->instructions : QString()), false, {}
    };
    const QString prompt = buildSystemPrompt(inputs) + u"\n\n"_s + buildTaskMessage(task);
    const QString resumeSession = resumeSessionFrom(context.history);

    ExecRequest request;
    request.argv = QStringList { m_profile.executable }
        + m_profile.arguments(prompt, task.agent.model, capabilities, resumeSession);
    if (task.limits.wallTime)
        request.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*task.limits.wallTime);

    // Events are recorded as lines arrive so people can watch; the store
    // appends in call order, and the final record below is awaited, so all
    // of them are durable before the run moves on.
    const std::unique_ptr<CliStreamMapper> mapper = CliStreamMapper::create(m_profile.stream);
    QByteArray pending;
    request.onOutput = [&](SandboxStream stream, const QByteArray &chunk) {
        if (stream != SandboxStream::Stdout)
            return;
        pending += chunk;
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(newline);
            pending.remove(0, newline + 1);
            for (AgentEvent &event : mapper->mapLine(line))
                host->record(std::move(event));
        }
    };
    const ExecResult result = co_await context.session->exec(request);
    if (!self) {
        outcome.status = AgentOutcome::Status::Cancelled;
        co_return outcome;
    }
    for (AgentEvent &event : mapper->mapLine(pending))
        co_await host->record(std::move(event));

    if (result.error) {
        outcome.reason = result.error->message;
        co_return outcome;
    }
    if (m_cancelled || result.cancelled) {
        outcome.status = AgentOutcome::Status::Cancelled;
        outcome.reason = u"The run was cancelled."_s;
        co_return outcome;
    }
    if (result.timedOut) {
        outcome.status = AgentOutcome::Status::LimitReached;
        outcome.reason =
            u"%1 ran past the task's wall-time limit and was stopped."_s.arg(m_profile.displayName);
        co_return outcome;
    }
    const std::optional<CliAgentOutcome> &agentOutcome = mapper->outcome();
    if (!agentOutcome) {
        const QString stderrText = QString::fromUtf8(result.stderrData).trimmed().right(800);
        outcome.reason = u"%1 exited with code %2 without a final result.%3"_s.arg(m_profile.displayName)
                             .arg(result.exitCode)
                             .arg(stderrText.isEmpty() ? QString() : u" It said: "_s + stderrText);
        co_return outcome;
    }
    outcome.inputTokens = agentOutcome->inputTokens;
    outcome.outputTokens = agentOutcome->outputTokens;
    outcome.costUsd = agentOutcome->costUsd;
    if (!agentOutcome->success) {
        outcome.reason = u"%1 reported failure: %2"_s.arg(m_profile.displayName, agentOutcome->reason);
        co_return outcome;
    }
    const std::optional<ArtifactKind> kind = task.expectedArtifact.kind;
    const QString kindName = kind
        ? enumToString(*kind)
        : (capabilities.repository == Capabilities::RepositoryAccess::Write ? u"patch"_s : u"report"_s);
    outcome.status = AgentOutcome::Status::Submitted;
    outcome.submission =
        Submission { kindName, firstParagraph(agentOutcome->finalMessage), agentOutcome->finalMessage, {} };
    co_return outcome;
}

} // namespace delegate
