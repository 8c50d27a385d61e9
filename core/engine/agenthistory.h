// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentevent.h"
#include "agents/agentruntime.h"

#include <QList>

#include <optional>

namespace delegate {

struct Event;

// What a run's agent did before, read back from the run's recorded events,
// for resuming it: the agent's own events in its vocabulary, how many
// steering messages it has taken, and a result it handed in that never
// became an artifact because the engine stopped in between.
struct AgentHistory
{
    AgentEvents events;
    int steeringTaken = 0;
    std::optional<Submission> pendingSubmission;

    // events: every event of one run, in sequence order.
    static AgentHistory fromEvents(const QList<Event> &events);
    // The agent event a stored event is, when it is one.
    static std::optional<AgentEvent> toAgentEvent(const Event &event);
};

} // namespace delegate
