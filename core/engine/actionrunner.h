// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifact.h"

#include <QCoro/QCoroTask>
#include <QJsonObject>

namespace delegate {

// One approved action, as the engine hands it over.
struct ActionCall
{
    QString runId;
    QString kind; // "git.branch", "git.push", "github.pull_request", …
    QJsonObject parameters;
    Artifact artifact; // the approved version
    QJsonObject workspace; // Workspace::toJson() of the run, empty when it has none
};

// What an action did (or, previewed, would do).
struct ActionReport
{
    bool ok = false;
    QString message; // for people: what happened, or what to fix
    QJsonObject details;
};

// Where the engine sends approved actions. The engine records every result
// as action.executed; the runner only executes.
class ActionRunner
{
public:
    virtual ~ActionRunner() = default;

    virtual QCoro::Task<ActionReport> preview(ActionCall call) = 0;
    virtual QCoro::Task<ActionReport> run(ActionCall call) = 0;
};

} // namespace delegate
