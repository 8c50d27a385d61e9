// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "artifactcontent.h"
#include "artifactkind.h"
#include "evidence.h"
#include "fielderror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace delegate {

class JsonReader;

// What a run returns for review. Versioned per run: v1, then v2 after a
// reviewer requested changes, and so on.
struct Artifact
{
    QString runId;
    int version = 1;
    QString summary; // one paragraph a reviewer reads first
    ArtifactContent content;
    Evidence evidence;
    QDateTime createdAt;

    ArtifactKind kind() const { return kindOf(content); }

    QJsonObject toJson() const;
    static std::optional<Artifact> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    static Artifact read(JsonReader &reader);

    friend bool operator==(const Artifact &, const Artifact &) = default;
};

} // namespace delegate
