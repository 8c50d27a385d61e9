// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small history with two runs of different tasks, skills, agents,
// environments, submitters and states, plus engine-wide events, for the
// history query tests.

#include "storetestsupport.h"

#include <QJsonObject>

namespace delegate::test {

struct HistoryRun
{
    QString id;
    QString title;
    QString skill;
    QString runtime;
    QString model;
    QString environment;
    QString submitter;
    QStringList states; // the states it goes through after queued
};

inline QList<HistoryRun> historyRuns()
{
    return {
        { QStringLiteral("run-a"),
          QStringLiteral("Fix flaky parser test"),
          QStringLiteral("fix-tests"),
          QStringLiteral("builtin"),
          QStringLiteral("gpt-4o"),
          QStringLiteral("local-ci"),
          QStringLiteral("user:ada"),
          { QStringLiteral("running"), QStringLiteral("completed") } },
        { QStringLiteral("run-b"),
          QStringLiteral("Diagnose build timeout"),
          QString(),
          QStringLiteral("claude-code"),
          QStringLiteral("sonnet"),
          QStringLiteral("ssh-build"),
          QStringLiteral("user:bob"),
          { QStringLiteral("running"), QStringLiteral("waiting_for_human") } },
    };
}

inline QJsonObject submittedPayload(const HistoryRun &run)
{
    QJsonObject task { { QStringLiteral("title"), run.title },
                       { QStringLiteral("agent"),
                         QJsonObject { { QStringLiteral("runtime"), run.runtime },
                                       { QStringLiteral("model"), run.model } } } };
    if (!run.skill.isEmpty())
        task.insert(QStringLiteral("skill"), QJsonObject { { QStringLiteral("name"), run.skill } });
    return { { QStringLiteral("run"),
               QJsonObject { { QStringLiteral("id"), run.id },
                             { QStringLiteral("task"), task },
                             { QStringLiteral("environment"), run.environment },
                             { QStringLiteral("state"), QStringLiteral("queued") } } } };
}

// 1 engine.started; each run submitted; 30 rounds of an agent message and a
// tool call per run (the message text names the round: "round N of run-x",
// every fifth one mentions "parser"); the state changes; a checkpoint of
// run-b opened and decided. One second between events.
inline QList<ChainEntry> historyEntries(qint64 firstTimeMs = 1'714'564'800'000)
{
    QList<ChainEntry> entries;
    qint64 time = firstTimeMs;
    const auto add = [&](const QString &runId, const QString &actor, const QString &kind,
                         const QJsonObject &payload) {
        entries.append(ChainEntry { time, runId, kind, payload, actor });
        time += 1000;
    };
    add({}, QStringLiteral("system"), QStringLiteral("engine.started"),
        { { QStringLiteral("version"), QStringLiteral("1.0") } });
    const QList<HistoryRun> runs = historyRuns();
    for (const HistoryRun &run : runs)
        add(run.id, run.submitter, QStringLiteral("run.submitted"), submittedPayload(run));
    for (const HistoryRun &run : runs) {
        add(run.id, QStringLiteral("system"), QStringLiteral("run.state_changed"),
            { { QStringLiteral("from"), QStringLiteral("queued") },
              { QStringLiteral("to"), run.states.at(0) } });
    }
    for (int round = 1; round <= 30; ++round) {
        for (const HistoryRun &run : runs) {
            const QString text = round % 5 == 0
                ? QStringLiteral("round %1 of %2: the parser fails").arg(round).arg(run.id)
                : QStringLiteral("round %1 of %2").arg(round).arg(run.id);
            add(run.id, QStringLiteral("agent"), QStringLiteral("agent.message"),
                { { QStringLiteral("text"), text } });
            add(run.id, QStringLiteral("agent"), QStringLiteral("tool.call"),
                { { QStringLiteral("tool"), QStringLiteral("read_file") } });
        }
    }
    add(QStringLiteral("run-b"), QStringLiteral("agent"), QStringLiteral("checkpoint.opened"),
        { { QStringLiteral("checkpoint"),
            QJsonObject { { QStringLiteral("id"), QStringLiteral("run-b:cp1") } } } });
    add(QStringLiteral("run-b"), QStringLiteral("user:ada"), QStringLiteral("checkpoint.decided"),
        { { QStringLiteral("decision"),
            QJsonObject { { QStringLiteral("checkpoint_id"), QStringLiteral("run-b:cp1") } } } });
    for (const HistoryRun &run : runs) {
        add(run.id, QStringLiteral("system"), QStringLiteral("run.state_changed"),
            { { QStringLiteral("from"), run.states.at(0) }, { QStringLiteral("to"), run.states.at(1) } });
    }
    return entries;
}

} // namespace delegate::test
