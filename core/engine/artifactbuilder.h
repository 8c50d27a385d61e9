// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentruntime.h"
#include "domain/artifact.h"
#include "workspace/workspacepatch.h"

#include <optional>

namespace delegate {

// Turns what an agent handed in into the artifact a reviewer sees. A patch's
// diff comes from the workspace, never from the model; issue drafts are
// parsed from the JSON the agent wrote.
class ArtifactBuilder final
{
public:
    // nullopt with *error set when the submission cannot become an artifact
    // (an unknown kind, issue drafts that are not a JSON array of drafts).
    static std::optional<Artifact> build(const QString &runId, int version, const Submission &submission,
                                         const std::optional<WorkspacePatch> &patch, QString *error);
};

} // namespace delegate
