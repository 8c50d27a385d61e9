// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "artifactkind.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace delegate {

class JsonReader;

// What a task (or a skill) promises to return for review.
struct ExpectedArtifact
{
    std::optional<ArtifactKind> kind; // unset: nobody said what comes back
    QString description; // what it contains, in the reviewer's words

    bool isEmpty() const { return !kind && description.isEmpty(); }

    QJsonObject toJson() const;
    static ExpectedArtifact read(JsonReader &reader);

    friend bool operator==(const ExpectedArtifact &, const ExpectedArtifact &) = default;
};

} // namespace delegate
