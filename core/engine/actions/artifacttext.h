// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifact.h"

#include <QString>

namespace delegate {

// The words actions derive from an approved artifact when the request does
// not give its own: a subject line, a pull request description, a Markdown
// rendering for a chat message.
class ArtifactText final
{
public:
    // The summary's first sentence, at most `limit` characters; a generic
    // subject naming the run when there is no summary.
    static QString subject(const Artifact &artifact, const QString &runId, qsizetype limit = 72);
    // "3 file(s), +10 −2" for a patch.
    static QString patchStats(const PatchContent &patch);
    // The summary, the changed files and the evidence, for a pull request.
    static QString pullRequestBody(const Artifact &artifact, const QString &runId);
    // Any artifact as Markdown: a report's own text, a patch's files, the
    // drafts' titles, a question.
    static QString markdown(const Artifact &artifact);
};

} // namespace delegate
