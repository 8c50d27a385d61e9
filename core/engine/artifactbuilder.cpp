// SPDX-License-Identifier: GPL-3.0-or-later
#include "artifactbuilder.h"

#include "domain/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace delegate {

std::optional<Artifact> ArtifactBuilder::build(const QString &runId, int version,
                                               const Submission &submission,
                                               const std::optional<WorkspacePatch> &patch, QString *error)
{
    Artifact artifact;
    artifact.runId = runId;
    artifact.version = version;
    artifact.summary = submission.summary;
    artifact.evidence = submission.evidence;
    artifact.createdAt = QDateTime::currentDateTimeUtc();

    if (submission.kind == "patch"_L1) {
        if (!patch) {
            *error = u"the agent handed in a patch, but the run has no workspace to take it from"_s;
            return std::nullopt;
        }
        PatchContent content;
        content.diff = QString::fromUtf8(patch->diff);
        for (const PatchFileStat &file : patch->files)
            content.files.append({ file.path, file.added, file.removed });
        // The agent's notes on the patch are worth keeping beside the summary.
        if (!submission.content.isEmpty() && submission.content != submission.summary)
            artifact.summary = submission.summary.isEmpty()
                ? submission.content
                : submission.summary + u"\n\n"_s + submission.content;
        artifact.content = content;
        return artifact;
    }
    if (submission.kind == "report"_L1) {
        artifact.content = ReportContent { submission.content };
        return artifact;
    }
    if (submission.kind == "issues"_L1) {
        const QJsonDocument document = QJsonDocument::fromJson(submission.content.toUtf8());
        if (!document.isArray()) {
            *error = u"the issue drafts are not a JSON array; each draft is an object with title, "
                     "current_behaviour, expected_behaviour, …"_s;
            return std::nullopt;
        }
        IssuesContent content;
        const QJsonArray drafts = document.array();
        for (qsizetype i = 0; i < drafts.size(); ++i) {
            FieldErrors errors;
            JsonReader reader(drafts.at(i).toObject(), &errors);
            const IssueDraft draft = IssueDraft::read(reader);
            if (!errors.isEmpty() || !drafts.at(i).isObject()) {
                *error = u"issue draft %1 cannot be read: %2"_s.arg(i + 1).arg(
                    errors.isEmpty() ? u"it is not an object"_s : errors.constFirst().toString());
                return std::nullopt;
            }
            content.drafts.append(draft);
        }
        artifact.content = content;
        return artifact;
    }
    *error = u"the agent handed in a result of kind '%1'; the engine takes patch, report or issues"_s.arg(
        submission.kind);
    return std::nullopt;
}

} // namespace delegate
