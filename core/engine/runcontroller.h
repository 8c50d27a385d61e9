// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agenthost.h"
#include "agents/agentruntime.h"
#include "domain/checkpoint.h"
#include "domain/runstate.h"
#include "wakeup.h"
#include "workspace/workspace.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace delegate {

class Engine;
class SandboxSession;
struct Run;
namespace llm {
class LlmClient;
}

// Drives one run from the moment the scheduler lets it start until it
// hands in a result, ends, or stops for a person: provisions the workspace
// and the sandbox, runs the agent with the run's history (so a resumed run
// goes on where it stopped), records everything the agent does, opens
// checkpoints for its questions and plans, and turns its result into an
// artifact version. A run that goes back to work after a review gets a new
// controller.
//
// It deletes itself when its work is done. When the engine goes away first
// (abandon()), it records nothing more, stops the agent and frees the
// sandbox, then deletes itself once the agent has returned.
class RunController final : public QObject, public AgentHost
{
    Q_OBJECT

public:
    RunController(Engine *engine, QString runId);
    ~RunController() override;

    const QString &runId() const { return m_runId; }
    void start();
    // The run was cancelled: stop the agent and free the sandbox.
    void stop();
    // The engine is going away: record nothing more and stop.
    void abandon();
    bool isAbandoned() const { return m_abandoned; }
    // Something it may wait for happened: a decision, a resume.
    void wakeUp() { m_wakeup.wakeAll(); }

    // AgentHost
    QCoro::Task<void> record(AgentEvent event) override;
    QCoro::Task<HumanReply> ask(HumanQuestion question) override;
    QCoro::Task<HumanReply> reviewPlan(QString id, QString summary, QString plan) override;
    QStringList takeSteeringMessages() override;

Q_SIGNALS:
    void finished(const QString &runId);

private:
    QCoro::Task<void> drive();
    QCoro::Task<void> work();
    QCoro::Task<bool> moveTo(RunState to, QString reason);
    QCoro::Task<std::optional<Workspace>> provideWorkspace(Run run, QJsonObject recorded);
    QCoro::Task<bool> prepareSandbox(const Workspace &workspace);
    // The host the run's sandbox was on went away: the run is interrupted
    // (everything recorded stays) and waits for another host.
    void hostLost(const QString &reason);
    QCoro::Task<void> interruptForLostHost();
    AgentRuntime *makeRuntime(const Run &run, QString *error);
    QCoro::Task<void> conclude(AgentOutcome outcome);
    QCoro::Task<void> recordUsage(const AgentOutcome &outcome);
    QCoro::Task<void> fail(QString reason);
    QCoro::Task<void> releaseSandbox();
    QCoro::Task<void> removeWorkspace();
    QCoro::Task<HumanReply> waitForPerson(Checkpoint checkpoint);
    QCoro::Task<void> waitWhilePaused();
    bool isGone() const;

    QPointer<Engine> m_engine;
    QString m_runId;
    std::unique_ptr<SandboxSession> m_session;
    AgentRuntime *m_runtime = nullptr; // a child
    std::shared_ptr<llm::LlmClient> m_client; // kept while the agent may use it
    std::optional<Workspace> m_workspace;
    Wakeup m_wakeup { this };
    QString m_host; // where the sandbox runs: "local" or an SSH host
    QString m_hostLost; // why, once the host went away
    int m_steeringTaken = 0;
    bool m_started = false;
    bool m_stopped = false;
    bool m_abandoned = false;
};

} // namespace delegate
