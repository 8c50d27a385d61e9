// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentevent.h"

#include <QCoro/QCoroTask>
#include <QString>
#include <QStringList>

namespace delegate {

// A question an agent puts to a person; the id is the tool call's, so asking
// again after a restart finds the same checkpoint instead of opening another.
struct HumanQuestion
{
    QString id;
    QString text;
    QStringList options; // empty: free text
};

// A person's decision at a checkpoint, as the agent sees it.
struct HumanReply
{
    enum class Verdict { Answered, Approved, ChangesRequested, Rejected, Cancelled };
    Verdict verdict = Verdict::Answered;
    QString text; // the answer, or the reviewer's comments
    QString decidedBy; // "user:<name>"
};

// What an agent needs from the engine while it runs: durable recording, and
// people. The run controller implements it; tests implement it in memory.
class AgentHost
{
public:
    virtual ~AgentHost() = default;

    // Returns once the event is durable, so nothing an agent did is lost
    // if the engine stops right after.
    virtual QCoro::Task<void> record(AgentEvent event) = 0;
    // Opens a question checkpoint and waits for the answer.
    virtual QCoro::Task<HumanReply> ask(HumanQuestion question) = 0;
    // Opens a plan checkpoint (the gate between investigating and acting)
    // and waits for the review.
    virtual QCoro::Task<HumanReply> reviewPlan(QString id, QString summary, QString plan) = 0;
    // Messages people sent to steer the run since the last call.
    virtual QStringList takeSteeringMessages() = 0;
};

} // namespace delegate
