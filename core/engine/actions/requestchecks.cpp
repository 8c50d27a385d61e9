// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/requestchecks.h"

using namespace Qt::StringLiterals;

namespace delegate {

QStringList RequestChecks::artifact(const ActionRequest &request, const QList<ArtifactKind> &accepted)
{
    QStringList problems;
    if (request.runId.isEmpty())
        problems.append(u"the request names no run"_s);
    if (!request.artifact.runId.isEmpty() && request.artifact.runId != request.runId)
        problems.append(
            u"the artifact belongs to run '%1', not to run '%2': approve the artifact of this run"_s.arg(
                request.artifact.runId, request.runId));
    if (!request.workspace.runId.isEmpty() && request.workspace.runId != request.runId)
        problems.append(u"the workspace belongs to run '%1', not to run '%2'"_s.arg(request.workspace.runId,
                                                                                    request.runId));
    if (!accepted.contains(request.artifact.kind())) {
        QStringList names;
        for (ArtifactKind kind : accepted)
            names.append(enumToString(kind));
        problems.append(u"%1 takes a %2 artifact; this one is a %3"_s.arg(
            enumToString(request.kind), names.join(u" or "_s), enumToString(request.artifact.kind())));
    }
    return problems;
}

} // namespace delegate
