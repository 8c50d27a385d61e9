// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QStringList>

namespace delegate {

class JsonReader;

// One issue as an agent proposes it; created in a tracker only after approval.
struct IssueDraft
{
    QString title;
    QString sourceContext; // where the finding comes from: file, log, audit item
    QString currentBehaviour;
    QString expectedBehaviour;
    QString scope;
    QStringList acceptanceCriteria;
    QStringList openQuestions;

    QJsonObject toJson() const;
    static IssueDraft read(JsonReader &reader);

    friend bool operator==(const IssueDraft &, const IssueDraft &) = default;
};

} // namespace delegate
