// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/githubrepository.h"
#include "workspace/workspace.h"

#include <QCoro/QCoroTask>

#include <chrono>
#include <optional>

namespace delegate {

// Which GitHub repository an action talks to: parameters.repository when
// given, else the one the remote's URL names.
class GitHubTarget final
{
public:
    struct Resolved
    {
        std::optional<GitHubRepository> repository;
        QString remote; // the remote consulted, when one was
        QString problem;
    };

    // Reads `repository` and `remote` from the parameters; a remote is only
    // looked up (in the run's repository configuration, no network) when no
    // repository is given.
    static QCoro::Task<Resolved> resolve(QString repositoryParameter, QString remoteParameter,
                                         Workspace workspace, std::chrono::milliseconds gitTimeout);
};

} // namespace delegate
