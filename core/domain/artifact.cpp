// SPDX-License-Identifier: GPL-3.0-or-later
#include "artifact.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject Artifact::toJson() const
{
    QJsonObject json {
        { QLatin1String("run_id"), runId },
        { QLatin1String("version"), version },
        { QLatin1String("kind"), enumToString(kind()) },
        { QLatin1String("summary"), summary },
        { QLatin1String("content"), contentToJson(content) },
        { QLatin1String("evidence"), evidence.toJson() },
    };
    json::insertTime(json, QLatin1StringView("created_at"), createdAt);
    return json;
}

std::optional<Artifact> Artifact::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    return readJsonObject<Artifact>(json, errors);
}

Artifact Artifact::read(JsonReader &reader)
{
    Artifact artifact;
    artifact.runId = reader.text(QLatin1StringView("run_id"), JsonReader::Need::Required);
    artifact.version =
        int(reader.integer(QLatin1StringView("version"), 1, 100000, JsonReader::Need::Required).value_or(1));
    const std::optional<ArtifactKind> kind =
        reader.enumeration<ArtifactKind>(QLatin1StringView("kind"), JsonReader::Need::Required);
    artifact.summary = reader.text(QLatin1StringView("summary"));
    JsonReader content = reader.object(QLatin1StringView("content"));
    artifact.content = readContent(kind.value_or(ArtifactKind::Report), content);
    JsonReader evidence = reader.object(QLatin1StringView("evidence"));
    artifact.evidence = Evidence::read(evidence);
    artifact.createdAt = reader.time(QLatin1StringView("created_at"));
    reader.finish();
    return artifact;
}

} // namespace delegate
