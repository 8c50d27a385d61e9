// SPDX-License-Identifier: GPL-3.0-or-later
#include "builtinagent.h"

#include "agents/agenthost.h"
#include "agents/llm/llmclient.h"
#include "agenttoolbox.h"
#include "sandbox/sandboxsession.h"
#include "systemprompt.h"
#include "transcript.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString limitReason(const TaskLimits &limits, qint64 turns, qint64 tokens, std::optional<double> cost,
                    const QDateTime &startedAt)
{
    if (limits.steps && turns >= *limits.steps)
        return u"The run used its %1 steps."_s.arg(*limits.steps);
    if (limits.tokens && tokens >= *limits.tokens)
        return u"The run used its %1 tokens (%2 so far)."_s.arg(*limits.tokens).arg(tokens);
    if (limits.costUsd && cost && *cost >= *limits.costUsd)
        return u"The run reached its cost limit of $%1 ($%2 so far)."_s.arg(*limits.costUsd, 0, 'f', 2)
            .arg(*cost, 0, 'f', 2);
    if (limits.wallTime && startedAt.isValid()
        && startedAt.secsTo(QDateTime::currentDateTimeUtc()) >= limits.wallTime->count())
        return u"The run reached its wall-time limit of %1 s."_s.arg(limits.wallTime->count());
    return {};
}

QStringList toolNames(const QList<llm::ToolSpec> &tools)
{
    QStringList names;
    for (const llm::ToolSpec &tool : tools)
        names.append(tool.name);
    return names;
}

// Events are built outside the coroutine body: GCC 12 miscompiles braced
// QJsonObject initialiser lists inside co_await expressions.
AgentEvent startedEvent(const QString &model, const QString &provider)
{
    return { agentevents::started,
             { { u"runtime"_s, u"builtin"_s }, { u"model"_s, model }, { u"provider"_s, provider } } };
}

AgentEvent toolResultEvent(const llm::ToolCall &call, const QString &output, bool isError,
                           bool resumed = false)
{
    QJsonObject payload {
        { u"id"_s, call.id }, { u"name"_s, call.name }, { u"output"_s, output }, { u"is_error"_s, isError }
    };
    if (resumed)
        payload.insert(u"resumed"_s, true);
    return { agentevents::toolResult, payload };
}

AgentEvent userMessageEvent(const QString &text, const QString &flag)
{
    return { agentevents::message, { { u"role"_s, u"user"_s }, { u"text"_s, text }, { flag, true } } };
}

AgentEvent assistantMessageEvent(const QString &text, int turn)
{
    return { agentevents::message,
             { { u"role"_s, u"assistant"_s }, { u"text"_s, text }, { u"turn"_s, turn } } };
}

AgentEvent toolCallEvent(const llm::ToolCall &call, int turn)
{
    QJsonObject payload = call.toJson();
    payload.insert(u"turn"_s, turn);
    return { agentevents::toolCall, payload };
}

AgentEvent usageEvent(const llm::TokenUsage &turn, qint64 totalInput, qint64 totalOutput,
                      std::optional<double> cost)
{
    QJsonObject payload { { u"input_tokens"_s, turn.inputTokens },
                          { u"output_tokens"_s, turn.outputTokens },
                          { u"total_input_tokens"_s, totalInput },
                          { u"total_output_tokens"_s, totalOutput } };
    if (cost)
        payload.insert(u"cost_usd"_s, *cost);
    return { agentevents::usage, payload };
}

ToolOutcome notRunAfterSubmit()
{
    return { u"Not run: a result was already submitted in this turn."_s, true, std::nullopt };
}

AgentEvent planApprovedEvent(const QString &summary, const QString &decidedBy)
{
    return { agentevents::planApproved, { { u"summary"_s, summary }, { u"decided_by"_s, decidedBy } } };
}

} // namespace

struct BuiltinAgent::CallOutcome
{
    ToolOutcome tool;
    std::optional<QString> planRejected;
};

BuiltinAgent::BuiltinAgent(llm::LlmClient *client, Options options, QObject *parent)
    : AgentRuntime(parent)
    , m_client(client)
    , m_options(std::move(options))
{ }

QCoro::Task<AgentOutcome> BuiltinAgent::run(AgentRunContext context, AgentHost *host)
{
    QPointer<BuiltinAgent> self(this);
    const TaskSpec &task = context.task;
    const bool planRequired = task.checkpointPolicy != CheckpointPolicy::None
        && context.environment.capabilities.repository == Capabilities::RepositoryAccess::Write;

    Transcript transcript = Transcript::fromEvents(context.history);
    AgentToolbox toolbox(context.environment.capabilities, context.session, host);
    toolbox.setPlanRequired(planRequired);
    toolbox.setWriteToolsOpen(!planRequired || transcript.writeToolsOpen);
    toolbox.setOutputLimit(m_options.toolOutputLimit);

    AgentOutcome outcome;
    outcome.inputTokens = transcript.inputTokens;
    outcome.outputTokens = transcript.outputTokens;
    auto finish = [&](AgentOutcome::Status status, const QString &reason) {
        outcome.status = status;
        outcome.reason = reason;
        return outcome;
    };

    QString agentsMd;
    if (context.session && toolbox.isOffered(u"read_file"_s)) {
        auto file = co_await context.session->readFile(u"AGENTS.md"_s);
        if (file)
            agentsMd = QString::fromUtf8(file.value());
    }
    if (!self)
        co_return finish(AgentOutcome::Status::Cancelled, u"The agent was shut down."_s);

    const bool resuming = !context.history.isEmpty();
    if (!resuming) {
        // Named first: GCC 12 destroys the temporaries of a conditional
        // inside a co_await expression twice.
        const QString provider = m_client ? m_client->config().name : QString();
        AgentEvent started = startedEvent(m_options.model, provider);
        co_await host->record(std::move(started));
    }
    // Calls recorded without a result are answered, not run again; only
    // asking a person and handing in a result are repeated (see
    // Transcript::isRepeatable()), after the conversation is rebuilt.
    QList<llm::ToolCall> repeated;
    for (const llm::ToolCall &call : std::as_const(transcript.unanswered)) {
        if (Transcript::isRepeatable(call)) {
            repeated.append(call);
            continue;
        }
        const QString note =
            u"The engine stopped while this call was running, so it was not run again. "
            "Check its effect (read the files, rerun a harmless command) before relying on it."_s;
        co_await host->record(toolResultEvent(call, note, true, true));
        transcript.messages.append(llm::ChatMessage::toolResult(call, note, true));
    }

    QList<llm::ChatMessage> messages { llm::ChatMessage::user(buildTaskMessage(task)) };
    messages += transcript.messages;
    int turns = transcript.turns;
    int consecutiveToolErrors = 0;
    int nudges = 0;

    std::optional<Submission> resubmitted;
    for (const llm::ToolCall &call : std::as_const(repeated)) {
        // Kept apart from the await: GCC 12 mishandles a co_await inside a
        // conditional expression.
        CallOutcome executed;
        if (resubmitted)
            executed.tool = notRunAfterSubmit();
        else
            executed = co_await execute(call, &toolbox, host);
        if (!self)
            co_return finish(AgentOutcome::Status::Cancelled, u"The agent was shut down."_s);
        if (executed.planRejected)
            co_return finish(AgentOutcome::Status::Rejected, *executed.planRejected);
        const ToolOutcome &toolOutcome = executed.tool;
        co_await host->record(toolResultEvent(call, toolOutcome.content, toolOutcome.isError, true));
        messages.append(llm::ChatMessage::toolResult(call, toolOutcome.content, toolOutcome.isError));
        if (toolOutcome.submission)
            resubmitted = toolOutcome.submission;
    }
    if (resubmitted) {
        outcome.submission = resubmitted;
        co_return finish(AgentOutcome::Status::Submitted, {});
    }

    while (true) {
        if (!self || m_cancelled)
            co_return finish(AgentOutcome::Status::Cancelled, u"The run was cancelled."_s);
        if (!m_client)
            co_return finish(AgentOutcome::Status::Failed,
                             u"The model provider was removed while the run was going."_s);
        const QString limit = limitReason(task.limits, turns, outcome.inputTokens + outcome.outputTokens,
                                          outcome.costUsd, context.startedAt);
        if (!limit.isEmpty())
            co_return finish(AgentOutcome::Status::LimitReached, limit);

        for (const QString &steering : host->takeSteeringMessages()) {
            co_await host->record(userMessageEvent(steering, u"steering"_s));
            messages.append(llm::ChatMessage::user(steering));
        }

        const QList<llm::ToolSpec> tools = toolbox.offeredTools();
        llm::CompletionRequest request;
        request.model = m_options.model;
        request.maxTokens = m_options.maxTokensPerTurn;
        request.tools = tools;
        SystemPromptInputs promptInputs { task,
                                          agentsMd,
                                          (context.skill ? context.skill->instructions : QString()),
                                          planRequired && !toolbox.writeToolsOpen(),
                                          {} };
        promptInputs.toolNames = toolNames(tools);
        request.system = buildSystemPrompt(promptInputs);
        fitToBudget(messages, m_options.contextBudgetCharacters - request.system.size());
        request.messages = messages;

        const llm::CompletionResult result = co_await m_client->complete(request);
        if (!self)
            co_return finish(AgentOutcome::Status::Cancelled, u"The agent was shut down."_s);
        if (!result.ok())
            co_return finish(AgentOutcome::Status::Failed, result.error->message);

        ++turns;
        const llm::Completion &completion = *result.completion;
        outcome.inputTokens += completion.usage.inputTokens;
        outcome.outputTokens += completion.usage.outputTokens;
        const std::optional<double> cost =
            m_options.prices.costUsd(m_options.model, { outcome.inputTokens, outcome.outputTokens });
        outcome.costUsd = cost;
        co_await host->record(usageEvent(completion.usage, outcome.inputTokens, outcome.outputTokens, cost));

        const llm::ChatMessage &answer = completion.message;
        if (!answer.text.isEmpty() || answer.toolCalls.isEmpty()) {
            co_await host->record(assistantMessageEvent(answer.text, turns));
        }
        messages.append(answer);

        if (answer.toolCalls.isEmpty()) {
            if (++nudges > m_options.maxNudges)
                co_return finish(AgentOutcome::Status::Failed,
                                 u"The model stopped without submitting a result."_s);
            const QString nudge =
                u"Continue with the task using the tools, and finish by calling `submit`."_s;
            messages.append(llm::ChatMessage::user(nudge));
            co_await host->record(userMessageEvent(nudge, u"automatic"_s));
            continue;
        }
        nudges = 0;

        std::optional<Submission> submitted;
        for (const llm::ToolCall &call : answer.toolCalls) {
            co_await host->record(toolCallEvent(call, turns));
            CallOutcome executed;
            if (submitted)
                executed.tool = notRunAfterSubmit();
            else
                executed = co_await execute(call, &toolbox, host);
            if (!self)
                co_return finish(AgentOutcome::Status::Cancelled, u"The agent was shut down."_s);
            if (executed.planRejected)
                co_return finish(AgentOutcome::Status::Rejected, *executed.planRejected);
            const ToolOutcome &toolOutcome = executed.tool;
            consecutiveToolErrors = toolOutcome.isError ? consecutiveToolErrors + 1 : 0;
            co_await host->record(toolResultEvent(call, toolOutcome.content, toolOutcome.isError));
            messages.append(llm::ChatMessage::toolResult(call, toolOutcome.content, toolOutcome.isError));
            if (toolOutcome.submission)
                submitted = toolOutcome.submission;
        }
        if (submitted) {
            outcome.submission = submitted;
            co_return finish(AgentOutcome::Status::Submitted, {});
        }
        if (consecutiveToolErrors >= m_options.maxConsecutiveToolErrors) {
            co_return finish(
                AgentOutcome::Status::Failed,
                u"The model made %1 failing tool calls in a row; the last error was recorded in the run."_s
                    .arg(consecutiveToolErrors));
        }
    }
}

QCoro::Task<BuiltinAgent::CallOutcome> BuiltinAgent::execute(llm::ToolCall call, AgentToolbox *toolbox,
                                                             AgentHost *host)
{
    QPointer<BuiltinAgent> self(this);
    ToolOutcome tool = co_await toolbox->execute(call);
    CallOutcome executed { std::move(tool), std::nullopt };
    if (!self)
        co_return executed;
    ToolOutcome &toolOutcome = executed.tool;
    if (!toolOutcome.submission || toolOutcome.submission->kind != "plan"_L1)
        co_return executed;

    const HumanReply review =
        co_await host->reviewPlan(call.id, toolOutcome.submission->summary, toolOutcome.submission->content);
    if (!self)
        co_return executed;
    if (review.verdict == HumanReply::Verdict::Approved) {
        toolbox->setWriteToolsOpen(true);
        co_await host->record(planApprovedEvent(toolOutcome.submission->summary, review.decidedBy));
        toolOutcome.content = u"%1 approved the plan%2. File-changing tools are open now: %3."_s.arg(
            review.decidedBy, review.text.isEmpty() ? QString() : u" with this note: "_s + review.text,
            toolNames(toolbox->offeredTools()).join(u", "_s));
    } else if (review.verdict == HumanReply::Verdict::ChangesRequested) {
        toolOutcome.content =
            u"%1 asked for changes to the plan: %2\nRevise it and submit the plan again."_s.arg(
                review.decidedBy, review.text);
    } else {
        co_await host->record(toolResultEvent(call, u"The plan was rejected."_s, true));
        executed.planRejected = u"%1 rejected the plan%2"_s.arg(
            review.decidedBy, review.text.isEmpty() ? u"."_s : u": "_s + review.text);
    }
    toolOutcome.submission.reset();
    co_return executed;
}

} // namespace delegate
