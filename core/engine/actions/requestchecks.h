// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifactkind.h"
#include "engine/actions/actionrequest.h"

#include <QList>
#include <QStringList>

namespace delegate {

// Checks every action makes before it looks at its own parameters.
class RequestChecks final
{
public:
    // The artifact is one of the kinds the action takes, and the request,
    // the artifact and the workspace all belong to the same run.
    static QStringList artifact(const ActionRequest &request, const QList<ArtifactKind> &accepted);
};

} // namespace delegate
