// SPDX-License-Identifier: GPL-3.0-or-later
#include "agenthistory.h"

#include "domain/event.h"
#include "lifecycleevents.h"

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

// AgentEvent kinds are views of these constants, never of stored text.
constexpr QLatin1StringView agentKinds[] = {
    agentevents::started,    agentevents::message,      agentevents::thinking, agentevents::toolCall,
    agentevents::toolResult, agentevents::planApproved, agentevents::usage,    agentevents::finished,
    agentevents::malformed,  agentevents::raw,
};

} // namespace

std::optional<AgentEvent> AgentHistory::toAgentEvent(const Event &event)
{
    for (QLatin1StringView kind : agentKinds) {
        if (event.kind == kind)
            return AgentEvent { kind, event.payload };
    }
    return std::nullopt;
}

AgentHistory AgentHistory::fromEvents(const QList<Event> &events)
{
    AgentHistory history;
    // The last submit call that may still be owed an artifact.
    QString submitCallId;
    QJsonObject submitArguments;
    for (const Event &event : events) {
        if (event.kind == lifecycle::artifactSubmitted) {
            history.pendingSubmission.reset();
            submitCallId.clear();
            continue;
        }
        const std::optional<AgentEvent> agentEvent = toAgentEvent(event);
        if (!agentEvent)
            continue;
        history.events.append(*agentEvent);
        const QJsonObject &payload = event.payload;
        if (agentEvent->kind == agentevents::message && payload.value("steering"_L1).toBool()) {
            ++history.steeringTaken;
        } else if (agentEvent->kind == agentevents::toolCall) {
            history.pendingSubmission.reset();
            submitCallId.clear();
            if (payload.value("name"_L1).toString() == "submit"_L1) {
                submitCallId = payload.value("id"_L1).toString();
                submitArguments = payload.value("arguments"_L1).toObject();
            }
        } else if (agentEvent->kind == agentevents::toolResult && !submitCallId.isEmpty()
                   && payload.value("id"_L1).toString() == submitCallId) {
            const QString kind = submitArguments.value("kind"_L1).toString();
            if (!payload.value("is_error"_L1).toBool() && kind != "plan"_L1) {
                history.pendingSubmission = Submission { kind,
                                                         submitArguments.value("summary"_L1).toString(),
                                                         submitArguments.value("content"_L1).toString(),
                                                         {} };
            }
            submitCallId.clear();
        } else if (agentEvent->kind == agentevents::message) {
            // A message after the result (a review's comments, the model
            // going on) means the run moved past that submission.
            history.pendingSubmission.reset();
        }
    }
    return history;
}

} // namespace delegate
