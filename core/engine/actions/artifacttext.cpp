// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/artifacttext.h"

using namespace Qt::StringLiterals;

namespace delegate {

QString ArtifactText::subject(const Artifact &artifact, const QString &runId, qsizetype limit)
{
    QString subject = artifact.summary.trimmed().section(u'\n', 0, 0).trimmed();
    // A summary is a paragraph; its first sentence makes the subject.
    const qsizetype sentence = subject.indexOf(". "_L1);
    if (sentence > 0)
        subject = subject.left(sentence);
    if (subject.endsWith(u'.'))
        subject.chop(1);
    if (subject.size() > limit)
        subject = subject.left(limit - 1).trimmed() + u'…';
    if (subject.isEmpty())
        subject = u"Apply the approved changes of run %1"_s.arg(runId);
    return subject;
}

QString ArtifactText::patchStats(const PatchContent &patch)
{
    int added = 0;
    int removed = 0;
    for (const PatchContent::FileStat &file : patch.files) {
        added += file.added;
        removed += file.removed;
    }
    return u"%1 file(s), +%2 −%3"_s.arg(patch.files.size()).arg(added).arg(removed);
}

QString ArtifactText::pullRequestBody(const Artifact &artifact, const QString &runId)
{
    QString body;
    if (!artifact.summary.trimmed().isEmpty())
        body += artifact.summary.trimmed() + u"\n\n"_s;
    if (const PatchContent *patch = std::get_if<PatchContent>(&artifact.content);
        patch && !patch->files.isEmpty()) {
        body += u"### Changes\n\n| File | Added | Removed |\n| --- | ---: | ---: |\n"_s;
        for (const PatchContent::FileStat &file : patch->files)
            body += u"| `%1` | %2 | %3 |\n"_s.arg(file.path).arg(file.added).arg(file.removed);
        body += u'\n';
    }
    const Evidence &evidence = artifact.evidence;
    if (!evidence.commands.isEmpty() || !evidence.tests.isEmpty()) {
        body += u"### Evidence\n\n"_s;
        for (const Evidence::Command &command : evidence.commands)
            body += u"- `%1` exited with %2\n"_s.arg(command.command).arg(command.exitCode);
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (const Evidence::TestResult &test : evidence.tests) {
            if (test.outcome == Evidence::Outcome::Passed)
                ++passed;
            else if (test.outcome == Evidence::Outcome::Failed)
                ++failed;
            else
                ++skipped;
        }
        if (!evidence.tests.isEmpty())
            body += u"- tests: %1 passed, %2 failed, %3 skipped\n"_s.arg(passed).arg(failed).arg(skipped);
        body += u'\n';
    }
    body +=
        u"---\nOpened by Delegate for run `%1` (artifact v%2) after a reviewer approved it."_s.arg(runId).arg(
            artifact.version);
    return body;
}

QString ArtifactText::markdown(const Artifact &artifact)
{
    return std::visit(
        [&artifact](const auto &content) -> QString {
            using Content = std::decay_t<decltype(content)>;
            const QString summary = artifact.summary.trimmed();
            if constexpr (std::is_same_v<Content, ReportContent>) {
                return content.markdown.trimmed().isEmpty() ? summary : content.markdown.trimmed();
            } else if constexpr (std::is_same_v<Content, PatchContent>) {
                QString text = summary.isEmpty() ? QString() : summary + u"\n\n"_s;
                text += u"**Changes** (%1)\n"_s.arg(patchStats(content));
                for (const PatchContent::FileStat &file : content.files)
                    text += u"- `%1` +%2 −%3\n"_s.arg(file.path).arg(file.added).arg(file.removed);
                return text.trimmed();
            } else if constexpr (std::is_same_v<Content, IssuesContent>) {
                QString text = summary.isEmpty() ? QString() : summary + u"\n\n"_s;
                text += u"**Issues** (%1)\n"_s.arg(content.drafts.size());
                for (const IssueDraft &draft : content.drafts)
                    text += u"- "_s + draft.title + u'\n';
                return text.trimmed();
            } else {
                return content.text.trimmed();
            }
        },
        artifact.content);
}

} // namespace delegate
