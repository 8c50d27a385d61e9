// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/checkpoint.h"
#include "domain/decision.h"
#include "domain/event.h"
#include "engineerror.h"
#include "engineoptions.h"
#include "enginestate.h"
#include "runcommands.h"
#include "scheduler.h"
#include "store/chainverifier.h"
#include "store/eventdraft.h"
#include "store/eventexporter.h"
#include "store/historyquery.h"
#include "store/search.h"

#include <QCoro/QCoroTask>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace delegate {

class ActionRunner;
class AsyncMutex;
class EventReader;
class EventStore;
class LocalSandbox;
class RemoteHosts;
class Sandbox;
class RunController;
class WorkspaceManager;
namespace llm {
class LlmClient;
}

// The engine: one event loop that keeps every run's state, decides which
// runs start, drives them through their controllers and records all of it.
//
// The event log is the only source of truth. open() replays it, marks the
// runs that were going when the engine last stopped as interrupted and
// resumes them; every command checks the caller and the run's state, records
// its events durably, then applies them to the state. Signals report each
// event once it is durable.
//
// Destroying the engine without shutdown() is what a crash does: nothing
// more is recorded, and the next engine on the same store finds the runs
// interrupted and resumes them.
class Engine final : public QObject
{
    Q_OBJECT

public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    QCoro::Task<EngineResult<void>> open(EngineOptions options);
    // Records engine.stopped and stops the runs without recording anything
    // more about them; they resume at the next open().
    QCoro::Task<void> shutdown(QString reason);
    bool isOpen() const { return m_open; }

    const EngineOptions &options() const { return m_options; }
    const EngineState &state() const { return m_state; }
    // Lifecycle events the state could not take (see EngineState::apply),
    // found at replay or since.
    const QStringList &contradictions() const { return m_contradictions; }
    const Scheduler &scheduler() const { return m_scheduler; }
    void setLimits(SchedulerLimits limits);
    // Where approved actions go; the engine does not own it. By default
    // the engine's own runner over core/engine/actions.
    void setActionRunner(ActionRunner *runner) { m_actionRunner = runner; }
    WorkspaceManager *workspaces() const { return m_workspaces; }
    // The SSH hosts of the environments' pools, their placements and health.
    RemoteHosts *remoteHosts() const { return m_remoteHosts; }
    RunController *controller(const QString &runId) const { return m_controllers.value(runId); }
    QString storePath() const;

    // --- Commands. actor is "user:<name>"; only people submit, decide and review.

    // 1..N runs of one task, queued; returns their ids.
    QCoro::Task<EngineResult<QStringList>> submit(SubmitRequest request, QString actor);
    QCoro::Task<EngineResult<void>> cancel(QString runId, QString actor, QString reason = {});
    // Takes effect at the agent's next recorded step.
    QCoro::Task<EngineResult<void>> pause(QString runId, QString actor, QString reason = {});
    QCoro::Task<EngineResult<void>> resume(QString runId, QString actor);
    // A message for the agent, read at its next turn.
    QCoro::Task<EngineResult<void>> steer(QString runId, QString text, QString actor);
    // decision.decider and decision.role say who decides; the checkpoint id,
    // the time and the run come from the engine.
    QCoro::Task<EngineResult<Decision>> answerCheckpoint(QString checkpointId, Decision decision);
    // A verdict on the run's latest artifact version.
    QCoro::Task<EngineResult<Decision>> review(QString runId, ReviewRequest request, QString actor,
                                               Role role);
    // A person's edit of the latest version of a report or of issue drafts,
    // kept as the next version; the run stays in review and the agent reads
    // that it was edited. summary may be empty (the latest one stays).
    QCoro::Task<EngineResult<Artifact>> reviseArtifact(QString runId, QJsonObject content, QString summary,
                                                       QString actor, Role role);
    // Runs approved actions (or previews them with dryRun) and completes the run.
    QCoro::Task<EngineResult<QJsonObject>> act(QString runId, ActRequest request, QString actor, Role role);

    // --- Reading.

    // A run's events after a sequence (all events when runId is empty), at most limit.
    EngineResult<QList<Event>> events(const QString &runId, qint64 afterSequence, int limit);
    // Run on their own connection and thread, so a long walk over the log
    // does not hold up the runs.
    // progress is called on another thread.
    QCoro::Task<EngineResult<VerifyReport>> verify(ChainVerifier::Progress progress = {});
    // The history timeline: a page of events, filtered and optionally searched.
    QCoro::Task<EngineResult<HistoryPage>> history(HistoryRequest request);
    QCoro::Task<EngineResult<HistoryFacets>> historyFacets();
    struct HistoryExport
    {
        QByteArray text;
        ExportSummary summary;
    };
    QCoro::Task<EngineResult<HistoryExport>> exportHistory(EventExporter::Format format,
                                                           HistoryRequest request);
    QCoro::Task<EngineResult<SearchPage>> search(SearchRequest request);
    QCoro::Task<EngineResult<QByteArray>> exportEvents(EventExporter::Format format, EventFilter filter);

    // Records an event of the agent's (or any other non-lifecycle event) for
    // a run; lifecycle kinds are refused: they go through the commands.
    QCoro::Task<EngineResult<Event>> record(QString runId, QString actor, QString kind, QJsonObject payload);

Q_SIGNALS:
    void eventAppended(const delegate::Event &event);
    // A lifecycle event changed the run (its state, checkpoints, artifacts …).
    void runChanged(const QString &runId);
    void checkpointOpened(const delegate::Checkpoint &checkpoint);
    void checkpointDecided(const delegate::Checkpoint &checkpoint, const delegate::Decision &decision);
    // The last workspace being removed is gone (shutdown waits for it).
    void workspaceRemovalsFinished();

private:
    friend class RunController;

    // Appends and applies, without checks: callers check first, under the
    // run's lock.
    QCoro::Task<EngineResult<Event>> append(EventDraft draft);
    AsyncMutex &lockFor(const QString &runId);
    // Under the run's lock.
    QCoro::Task<EngineResult<void>> transitionLocked(QString runId, RunState to, QString reason,
                                                     QString actor);
    QCoro::Task<EngineResult<void>> transition(QString runId, RunState to, QString reason,
                                               QString actor = QStringLiteral("system"));
    // For controllers: opens a checkpoint (once) and puts the run in
    // waiting_for_human; returns the decision when it was decided already.
    QCoro::Task<EngineResult<std::optional<Decision>>> openCheckpoint(Checkpoint checkpoint);
    // For controllers: back to running after a decision, unless another
    // checkpoint of the run is still open.
    QCoro::Task<EngineResult<void>> leaveWaiting(QString runId);
    QCoro::Task<EngineResult<void>> submitArtifact(QString runId, Artifact artifact);
    QList<Event> runEvents(const QString &runId);
    std::shared_ptr<llm::LlmClient> client(const QString &provider) const;
    const SecretProvider &secrets() const { return *m_secrets; }
    LocalSandbox *sandbox() const { return m_sandbox; }
    // Where a run's sandbox goes: this machine, or the host it was placed on.
    Sandbox *sandboxFor(const QString &runId, const EnvironmentProfile &environment);

    QCoro::Task<void> recover();
    void scheduleSoon();
    void schedule();
    QCoro::Task<void> holdForBudget(BudgetHold hold);
    void startController(const QString &runId);
    QCoro::Task<void> removeWorkspace(QString runId);
    EngineResult<void> checkPerson(const QString &actor, const QString &what) const;
    EngineResult<void> checkOpen() const;
    void stopControllers();

    EngineOptions m_options;
    EngineState m_state;
    Scheduler m_scheduler;
    QStringList m_contradictions;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<EventReader> m_reader;
    WorkspaceManager *m_workspaces = nullptr;
    LocalSandbox *m_sandbox = nullptr;
    RemoteHosts *m_remoteHosts = nullptr;
    QTimer *m_hostChecks = nullptr;
    std::shared_ptr<const SecretProvider> m_secrets;
    QHash<QString, std::shared_ptr<llm::LlmClient>> m_clients;
    std::unique_ptr<ActionRunner> m_defaultActionRunner;
    ActionRunner *m_actionRunner = nullptr;
    QHash<QString, RunController *> m_controllers;
    QHash<QString, std::shared_ptr<AsyncMutex>> m_locks;
    QSet<QString> m_holding; // budget checkpoints being opened
    int m_workspaceRemovals = 0;
    bool m_open = false;
    bool m_closing = false;
    bool m_scheduleQueued = false;
};

} // namespace delegate

Q_DECLARE_METATYPE(delegate::Checkpoint)
Q_DECLARE_METATYPE(delegate::Decision)
Q_DECLARE_METATYPE(delegate::Event)
