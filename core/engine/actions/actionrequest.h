// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifact.h"
#include "engine/actions/actionkind.h"
#include "workspace/workspace.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace delegate {

// One approved action to preview or run. The parameters come from the task or
// the person approving (remote, base, title, directory, secret names …); the
// credentials never do: they come from the executor's SecretSource.
struct ActionRequest
{
    QString runId;
    ActionKind kind = ActionKind::GitBranch;
    QJsonObject parameters;
    Artifact artifact; // the approved version
    Workspace workspace; // the run's worktree; empty for actions that need none

    QJsonObject toJson() const;
    // nullopt with the problems in *error when the JSON is not a request.
    static std::optional<ActionRequest> fromJson(const QJsonObject &json, QString *error = nullptr);
};

} // namespace delegate
