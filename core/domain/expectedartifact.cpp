// SPDX-License-Identifier: GPL-3.0-or-later
#include "expectedartifact.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject ExpectedArtifact::toJson() const
{
    QJsonObject json { { QLatin1String("description"), description } };
    json::insertEnum(json, QLatin1StringView("kind"), kind);
    return json;
}

ExpectedArtifact ExpectedArtifact::read(JsonReader &reader)
{
    ExpectedArtifact artifact;
    artifact.kind = reader.enumeration<ArtifactKind>(QLatin1StringView("kind"));
    artifact.description = reader.text(QLatin1StringView("description"));
    reader.finish();
    return artifact;
}

} // namespace delegate
