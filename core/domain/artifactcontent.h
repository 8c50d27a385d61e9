// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "artifactkind.h"
#include "issuedraft.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <variant>

namespace delegate {

class JsonReader;

// The body of an artifact, one shape per ArtifactKind.

struct PatchContent
{
    struct FileStat
    {
        QString path;
        int added = 0;
        int removed = 0;

        QJsonObject toJson() const;
        static FileStat read(JsonReader &reader);
        friend bool operator==(const FileStat &, const FileStat &) = default;
    };

    QString diff; // unified diff against the run's base commit
    QList<FileStat> files;

    QJsonObject toJson() const;
    static PatchContent read(JsonReader &reader);
    friend bool operator==(const PatchContent &, const PatchContent &) = default;
};

struct ReportContent
{
    QString markdown;

    QJsonObject toJson() const;
    static ReportContent read(JsonReader &reader);
    friend bool operator==(const ReportContent &, const ReportContent &) = default;
};

struct IssuesContent
{
    QList<IssueDraft> drafts;

    QJsonObject toJson() const;
    static IssuesContent read(JsonReader &reader);
    friend bool operator==(const IssuesContent &, const IssuesContent &) = default;
};

struct QuestionContent
{
    QString text;

    QJsonObject toJson() const;
    static QuestionContent read(JsonReader &reader);
    friend bool operator==(const QuestionContent &, const QuestionContent &) = default;
};

// Alternatives in ArtifactKind order, so the index is the kind.
using ArtifactContent = std::variant<PatchContent, ReportContent, IssuesContent, QuestionContent>;

ArtifactKind kindOf(const ArtifactContent &content);
QJsonObject contentToJson(const ArtifactContent &content);
ArtifactContent readContent(ArtifactKind kind, JsonReader &reader);

} // namespace delegate
