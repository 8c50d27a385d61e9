// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/decision.h"
#include "domain/environmentprofile.h"
#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace delegate {

// What people ask the engine to do with runs, as values: the RPC service
// reads them from JSON, delegatectl and tests build them directly.

// One task sent off as 1..N runs.
struct SubmitRequest
{
    TaskSpec task;
    EnvironmentProfile environment; // as it is now; the run keeps this copy
    std::optional<Skill> skill; // when the task uses one
    int attempts = 0; // best-of-N; 0: the task's own attempts
    int priority = 0; // higher starts first
    QString batchId; // the runs submitted together as a batch share it
    std::optional<double> batchBudgetUsd; // what the batch may spend before a person is asked

    // {"task": {…}, "environment": {…}, "skill": {…}?, "attempts": N?,
    //  "priority": N?, "batch_id": "…"?, "batch_budget_usd": N?}
    static std::optional<SubmitRequest> fromJson(const QJsonObject &json, QString *error);
};

// A reviewer's verdict on a run's latest artifact.
struct ReviewRequest
{
    Decision::Verdict verdict = Decision::Verdict::Approve; // Approve, RequestChanges or Reject
    QString text;
    QList<Decision::LineComment> comments;
    int version = 0; // the version reviewed; 0: the latest

    // {"verdict": "approve"|"changes"|"reject", "text": "…", "version": N?,
    //  "comments": [{"file": "…", "line": N, "text": "…"}]}
    static std::optional<ReviewRequest> fromJson(const QJsonObject &json, QString *error);
};

// The actions an approval releases, run in order.
struct ActRequest
{
    struct Step
    {
        QString kind; // "git.branch", "git.push", "github.pull_request", …
        QJsonObject parameters;
    };

    QList<Step> steps;
    bool dryRun = false; // show what would happen, change nothing

    // {"dry_run": bool?, "actions": [{"kind": "…", "parameters": {…}?}]}
    static std::optional<ActRequest> fromJson(const QJsonObject &json, QString *error);
};

} // namespace delegate
