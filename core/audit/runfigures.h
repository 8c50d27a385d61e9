// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace delegate {

struct RunRecord;

// What the team's figures cover: the runs submitted from one UTC day to
// another (both included), grouped by day or by week (Monday to Sunday).
struct FiguresRequest
{
    enum class Grouping { Day, Week };

    static constexpr int maxDays = 400; // by day; by week up to maxWeeks
    static constexpr int maxWeeks = 260;

    QDate from;
    QDate to;
    Grouping groupBy = Grouping::Day;

    // stats.figures' params: from, to ("YYYY-MM-DD"; default the 30 days up
    // to today) and group_by ("day" or "week"). std::nullopt, with error
    // naming the parameter and the fix, when they cannot be read.
    static std::optional<FiguresRequest> fromJson(const QJsonObject &params, QDate today, QString *error);
    // The first day of the period a day falls in.
    QDate periodOf(QDate day) const;
};

// What one run adds to the figures.
struct RunFacts
{
    QString runId;
    QDateTime submittedAt;
    QString state;
    QString skill; // empty: the task named no skill
    QString agent; // "builtin · openai/gpt-4.1", "claude-code", "playbook"
    double costUsd = 0;
    std::optional<double> secondsToFirstReview; // from submission to the first verdict on an artifact
    double secondsWaitingForHuman = 0; // in waiting_for_human, until now for a run still waiting
    std::optional<bool> approvedFirstTime; // reviewed: whether version 1 was approved as it came

    // agent is how the run's agent reads once the engine's defaults are
    // filled in; now ends a wait still going on.
    static RunFacts of(const RunRecord &record, const QString &agent, const QDateTime &now);
};

// The team's figures, computed from the facts of runs as docs/protocol.md
// (stats.figures) describes them: runs per period by outcome, time from
// submission to the first review, time spent waiting for people, cost per
// skill and per agent, and how often a skill's first version is approved
// without changes.
namespace runfigures {

// The outcome a run counts under: completed, approved (its actions not
// run yet, or running), rejected, failed, cancelled, or open.
QString outcomeOf(const QString &state);
const QStringList &outcomes();

QJsonObject compute(const QList<RunFacts> &runs, const FiguresRequest &request);

} // namespace runfigures

} // namespace delegate
