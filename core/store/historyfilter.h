// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace delegate {

// Which events the history timeline, its search and its export show. Every
// field narrows the selection; an empty field does not. Run attributes
// (task, skill, agent, environment, state) are those of the event's run, so
// they select whole runs' histories; engine-wide events have none.
struct HistoryFilter
{
    std::optional<qint64> sinceMs; // events at or after this time (ms since the epoch)
    std::optional<qint64> untilMs; // events before this time
    QString runId;
    QString taskTitle; // contained in the run's task title, ignoring ASCII case
    QString skill;
    // The run's agent as "runtime/model" ("builtin/gpt-4o"); a runtime alone
    // ("claude-code") matches every model of it.
    QString agent;
    QString environment;
    QStringList states; // the run's current state is one of these
    // Event kinds; "checkpoint.*" matches every kind that starts with
    // "checkpoint.".
    QStringList kinds;
    QString actor; // "agent", "system" or "user:<name>"

    bool isEmpty() const;
    bool hasRunAttributes() const;

    // {"since", "until" (ISO 8601), "run_id", "task", "skill", "agent",
    //  "environment", "state": [...], "kind": [...], "actor"}, only the set ones.
    QJsonObject toJson() const;
    // state and kind may also be a single string. Unknown keys are errors,
    // so a misspelt filter does not silently select everything.
    static std::optional<HistoryFilter> fromJson(const QJsonObject &json, QString *error);

    friend bool operator==(const HistoryFilter &, const HistoryFilter &) = default;
};

} // namespace delegate
