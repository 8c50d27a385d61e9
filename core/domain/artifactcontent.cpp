// SPDX-License-Identifier: GPL-3.0-or-later
#include "artifactcontent.h"

#include "jsonreader.h"
#include "jsonwrite.h"

#include <limits>

namespace delegate {

static_assert(
    std::is_same_v<std::variant_alternative_t<int(ArtifactKind::Patch), ArtifactContent>, PatchContent>);
static_assert(
    std::is_same_v<std::variant_alternative_t<int(ArtifactKind::Report), ArtifactContent>, ReportContent>);
static_assert(
    std::is_same_v<std::variant_alternative_t<int(ArtifactKind::Issues), ArtifactContent>, IssuesContent>);
static_assert(std::is_same_v<std::variant_alternative_t<int(ArtifactKind::Question), ArtifactContent>,
                             QuestionContent>);

QJsonObject PatchContent::FileStat::toJson() const
{
    return {
        { QLatin1String("path"), path },
        { QLatin1String("added"), added },
        { QLatin1String("removed"), removed },
    };
}

PatchContent::FileStat PatchContent::FileStat::read(JsonReader &reader)
{
    FileStat stat;
    stat.path = reader.text(QLatin1StringView("path"), JsonReader::Need::Required);
    stat.added =
        int(reader.integer(QLatin1StringView("added"), 0, std::numeric_limits<int>::max()).value_or(0));
    stat.removed =
        int(reader.integer(QLatin1StringView("removed"), 0, std::numeric_limits<int>::max()).value_or(0));
    reader.finish();
    return stat;
}

QJsonObject PatchContent::toJson() const
{
    return {
        { QLatin1String("diff"), diff },
        { QLatin1String("files"), json::array(files) },
    };
}

PatchContent PatchContent::read(JsonReader &reader)
{
    PatchContent patch;
    patch.diff = reader.text(QLatin1StringView("diff"));
    patch.files = reader.list<FileStat>(QLatin1StringView("files"), &FileStat::read);
    reader.finish();
    return patch;
}

QJsonObject ReportContent::toJson() const
{
    return { { QLatin1String("markdown"), markdown } };
}

ReportContent ReportContent::read(JsonReader &reader)
{
    ReportContent report;
    report.markdown = reader.text(QLatin1StringView("markdown"));
    reader.finish();
    return report;
}

QJsonObject IssuesContent::toJson() const
{
    return { { QLatin1String("drafts"), json::array(drafts) } };
}

IssuesContent IssuesContent::read(JsonReader &reader)
{
    IssuesContent issues;
    issues.drafts = reader.list<IssueDraft>(QLatin1StringView("drafts"), &IssueDraft::read);
    reader.finish();
    return issues;
}

QJsonObject QuestionContent::toJson() const
{
    return { { QLatin1String("text"), text } };
}

QuestionContent QuestionContent::read(JsonReader &reader)
{
    QuestionContent question;
    question.text = reader.text(QLatin1StringView("text"));
    reader.finish();
    return question;
}

ArtifactKind kindOf(const ArtifactContent &content)
{
    return ArtifactKind(content.index());
}

QJsonObject contentToJson(const ArtifactContent &content)
{
    return std::visit([](const auto &body) { return body.toJson(); }, content);
}

ArtifactContent readContent(ArtifactKind kind, JsonReader &reader)
{
    switch (kind) {
    case ArtifactKind::Patch:
        return PatchContent::read(reader);
    case ArtifactKind::Report:
        return ReportContent::read(reader);
    case ArtifactKind::Issues:
        return IssuesContent::read(reader);
    case ArtifactKind::Question:
        return QuestionContent::read(reader);
    }
    return ReportContent::read(reader);
}

} // namespace delegate
