// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentevent.h"
#include "domain/environmentprofile.h"
#include "domain/evidence.h"
#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QCoro/QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <optional>

namespace delegate {

class AgentHost;
class SandboxSession;

// Everything a runtime needs to start or resume one run.
struct AgentRunContext
{
    QString runId;
    TaskSpec task;
    EnvironmentProfile environment;
    QPointer<SandboxSession> session; // the engine owns it
    std::optional<Skill> skill; // when the task uses one: instructions, playbook
    AgentEvents history; // what this run recorded before (empty on a fresh start)
    QDateTime startedAt; // the run's first start; wall-time limits count from here
};

// What an agent hands back with `submit`. A patch's diff is collected from
// the workspace by the engine, not taken from the model.
struct Submission
{
    QString kind; // "patch", "report", "issues"
    QString summary;
    QString content; // report Markdown, issue drafts as JSON, notes for a patch
    Evidence evidence; // commands run and test results, when the runtime knows them
};

struct AgentOutcome
{
    enum class Status {
        Submitted, // an artifact is ready for review
        Failed, // the agent could not finish; reason says why
        LimitReached, // a bound (steps, tokens, cost, wall time) ended the run
        Cancelled,
        Rejected, // a reviewer rejected the plan
    };
    Status status = Status::Failed;
    QString reason;
    std::optional<Submission> submission;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    std::optional<double> costUsd;
};

// One way of doing the work: the built-in LLM loop, a CLI agent, a playbook.
class AgentRuntime : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QCoro::Task<AgentOutcome> run(AgentRunContext context, AgentHost *host) = 0;
    // Asks the run to stop at the next safe point; run() then returns
    // Cancelled.
    virtual void cancel() = 0;
};

} // namespace delegate
