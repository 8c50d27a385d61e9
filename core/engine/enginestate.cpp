// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginestate.h"

#include "agents/agentevent.h"
#include "domain/event.h"
#include "lifecycleevents.h"
#include "store/eventrepository.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

void EngineState::countStep(const QString &runId)
{
    if (RunRecord *record = mutableRun(runId))
        ++record->run.usage.steps;
}

EngineState::Outcome EngineState::apply(const Event &event, QString *error)
{
    // A run's steps are its agent's tool calls: counted, not a change of
    // its lifecycle.
    if (event.kind == agentevents::toolCall)
        countStep(event.runId);
    if (!lifecycle::isLifecycle(event.kind))
        return Outcome::Ignored;
    m_lastSequence = std::max(m_lastSequence, event.sequence);
    QString why;
    auto contradiction = [&](const QString &message) {
        if (error)
            *error =
                u"event %1 (%2, run '%3'): %4"_s.arg(event.sequence).arg(event.kind, event.runId, message);
        return Outcome::Contradiction;
    };
    const QJsonObject &payload = event.payload;

    if (event.kind == lifecycle::submitted) {
        FieldErrors errors;
        const auto run = Run::fromJson(payload.value("run"_L1).toObject(), &errors);
        const auto environment =
            EnvironmentProfile::fromJson(payload.value("environment"_L1).toObject(), &errors);
        if (!run || !environment) {
            return contradiction(u"the submitted run cannot be read: %1"_s.arg(
                errors.isEmpty() ? u"no run"_s : errors.constFirst().toString()));
        }
        if (run->id != event.runId)
            return contradiction(u"the event is filed under another run than '%1'"_s.arg(run->id));
        if (m_runs.contains(run->id))
            return contradiction(u"the run was submitted before"_s);
        if (run->state != RunState::Queued)
            return contradiction(u"a run is submitted queued, not %1"_s.arg(enumToString(run->state)));
        RunRecord record;
        record.run = *run;
        record.run.updatedAt = event.time;
        if (!record.run.createdAt.isValid())
            record.run.createdAt = event.time;
        record.environment = *environment;
        if (payload.value("skill"_L1).isObject())
            record.skill = Skill::fromJson(payload.value("skill"_L1).toObject());
        record.priority = payload.value("priority"_L1).toInt();
        record.submittedSequence = event.sequence;
        if (payload.value("batch_budget_usd"_L1).isDouble())
            record.batchBudgetUsd = payload.value("batch_budget_usd"_L1).toDouble();
        m_order.append(run->id);
        m_runs.insert(run->id, record);
        return Outcome::Applied;
    }

    RunRecord *record = mutableRun(event.runId);
    if (!record)
        return contradiction(u"there is no such run"_s);
    const Outcome outcome = applyToRun(*record, event, &why);
    if (outcome == Outcome::Contradiction)
        return contradiction(why);
    record->run.updatedAt = event.time;
    return outcome;
}

EngineState::Outcome EngineState::applyToRun(RunRecord &record, const Event &event, QString *why)
{
    const QJsonObject &payload = event.payload;
    auto refuse = [why](const QString &message) {
        *why = message;
        return Outcome::Contradiction;
    };

    if (event.kind == lifecycle::stateChanged) {
        const auto to = enumFromString<RunState>(payload.value("to"_L1).toString());
        if (!to)
            return refuse(u"unknown state '%1'"_s.arg(payload.value("to"_L1).toString()));
        const RunState current = record.run.state;
        const QString from = payload.value("from"_L1).toString();
        if (!from.isEmpty() && from != enumToString(current)) {
            return refuse(u"it moves the run from %1, but the run is %2"_s.arg(from, enumToString(current)));
        }
        if (!canTransition(current, *to))
            return refuse(u"a run cannot go from %1 to %2"_s.arg(enumToString(current), enumToString(*to)));
        if (*to == RunState::Interrupted)
            record.interruptedFrom = current;
        else if (current == RunState::Interrupted)
            record.interruptedFrom.reset();
        if (*to == RunState::Provisioning && !record.startedAt.isValid())
            record.startedAt = event.time;
        if (current == RunState::WaitingForHuman && record.waitingSince.isValid()) {
            record.waitedForHumanMs += std::max<qint64>(0, record.waitingSince.msecsTo(event.time));
            record.waitingSince = {};
        }
        if (*to == RunState::WaitingForHuman)
            record.waitingSince = event.time;
        if (isTerminal(*to))
            record.paused = false;
        record.run.state = *to;
        record.lastReason = payload.value("reason"_L1).toString();
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::provisioned) {
        record.workspace = payload.value("workspace"_L1).toObject();
        record.run.baseCommit = payload.value("base_commit"_L1).toString();
        record.run.host = payload.value("host"_L1).toString(u"local"_s);
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::checkpointOpened) {
        const auto checkpoint = Checkpoint::fromJson(payload.value("checkpoint"_L1).toObject());
        if (!checkpoint)
            return refuse(u"the checkpoint cannot be read"_s);
        if (checkpoint->runId != record.run.id)
            return refuse(u"the checkpoint belongs to run '%1'"_s.arg(checkpoint->runId));
        if (m_checkpointRuns.contains(checkpoint->id))
            return refuse(u"checkpoint '%1' was opened before"_s.arg(checkpoint->id));
        Checkpoint open = *checkpoint;
        open.state = Checkpoint::State::Open;
        if (!open.createdAt.isValid())
            open.createdAt = event.time;
        record.checkpoints.append({ open, std::nullopt });
        m_checkpointRuns.insert(open.id, record.run.id);
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::checkpointDecided) {
        const auto decision = Decision::fromJson(payload.value("decision"_L1).toObject());
        if (!decision)
            return refuse(u"the decision cannot be read"_s);
        RunRecord::CheckpointEntry *entry = record.checkpoint(decision->checkpointId);
        if (!entry)
            return refuse(u"the run has no checkpoint '%1'"_s.arg(decision->checkpointId));
        if (entry->decision)
            return refuse(u"checkpoint '%1' was decided before"_s.arg(decision->checkpointId));
        entry->decision = *decision;
        entry->checkpoint.state = Checkpoint::State::Decided;
        if (entry->checkpoint.kind == Checkpoint::Kind::Budget
            && decision->verdict == Decision::Verdict::Approve)
            record.budgetApproved = true;
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::artifactSubmitted) {
        const auto artifact = Artifact::fromJson(payload.value("artifact"_L1).toObject());
        if (!artifact)
            return refuse(u"the artifact cannot be read"_s);
        if (artifact->version != record.artifacts.size() + 1) {
            return refuse(u"it is version %1, but the run has %2 version(s) so far"_s.arg(artifact->version)
                              .arg(record.artifacts.size()));
        }
        record.artifacts.append(*artifact);
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::reviewDecided) {
        const auto decision = Decision::fromJson(payload.value("decision"_L1).toObject());
        if (!decision)
            return refuse(u"the review cannot be read"_s);
        const int version = payload.value("version"_L1).toInt();
        if (record.artifacts.isEmpty() || version != record.artifacts.constLast().version)
            return refuse(u"it reviews version %1, which is not the run's latest artifact"_s.arg(version));
        if (record.reviews.size() >= record.artifacts.size())
            return refuse(u"version %1 was reviewed before"_s.arg(version));
        record.reviews.append(*decision);
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::usage) {
        const double before = record.run.usage.costUsd;
        record.run.usage.tokensIn = payload.value("input_tokens"_L1).toInteger(record.run.usage.tokensIn);
        record.run.usage.tokensOut = payload.value("output_tokens"_L1).toInteger(record.run.usage.tokensOut);
        record.run.usage.costUsd = payload.value("cost_usd"_L1).toDouble(before);
        // Totals only grow; what they grew by was spent on the day of the event.
        const double spent = record.run.usage.costUsd - before;
        if (spent > 0)
            m_dailyCost[event.time.toUTC().date().toJulianDay()] += spent;
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::steered) {
        record.steering.append(payload.value("text"_L1).toString());
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::paused || event.kind == lifecycle::resumed) {
        const bool pause = event.kind == lifecycle::paused;
        if (record.paused == pause)
            return refuse(pause ? u"the run is paused already"_s : u"the run is not paused"_s);
        if (pause && isTerminal(record.run.state))
            return refuse(u"a finished run cannot be paused"_s);
        record.paused = pause;
        return Outcome::Applied;
    }
    if (event.kind == lifecycle::actionExecuted) {
        record.actions.append(payload);
        return Outcome::Applied;
    }
    return Outcome::Ignored;
}

StoreError EngineState::replay(EventRepository &events, QStringList *contradictions)
{
    return events.forEach(m_lastSequence + 1, [&](const EncodedEvent &encoded, QByteArrayView hash) {
        if (encoded.kind == QByteArrayView(agentevents::toolCall.data(), agentevents::toolCall.size())) {
            countStep(QString::fromUtf8(encoded.runId));
            return true;
        }
        if (!lifecycle::isLifecycle(encoded.kind))
            return true;
        QString error;
        if (apply(EventRepository::decode(encoded, hash), &error) == Outcome::Contradiction && contradictions)
            contradictions->append(error);
        return true;
    });
}

const RunRecord *EngineState::run(const QString &id) const
{
    const auto it = m_runs.constFind(id);
    return it == m_runs.cend() ? nullptr : &*it;
}

RunRecord *EngineState::mutableRun(const QString &id)
{
    const auto it = m_runs.find(id);
    return it == m_runs.end() ? nullptr : &*it;
}

QList<const RunRecord *> EngineState::runs() const
{
    QList<const RunRecord *> list;
    list.reserve(m_order.size());
    for (auto it = m_order.crbegin(); it != m_order.crend(); ++it)
        list.append(&*m_runs.constFind(*it));
    return list;
}

const RunRecord *EngineState::runOfCheckpoint(const QString &checkpointId) const
{
    return run(m_checkpointRuns.value(checkpointId));
}

double EngineState::batchCost(const QString &batchId) const
{
    double sum = 0;
    for (const RunRecord &record : m_runs) {
        if (!batchId.isEmpty() && record.run.batchId == batchId)
            sum += record.run.usage.costUsd;
    }
    return sum;
}

} // namespace delegate
