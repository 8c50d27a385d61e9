// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lintfinding.h"
#include "lintverdict.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate {

// The bounded-task lint's judgement of one task.
struct LintReport
{
    static constexpr int pointsPerElement = 25;

    LintVerdict verdict = LintVerdict::Unbounded;
    int score = 0; // 0-100: each element is worth 25, less what its findings cost
    QString summary; // one sentence that explains the verdict
    QList<LintFinding> findings; // ordered by element, then severity

    // An element is satisfied when it has no finding of error severity.
    bool isSatisfied(TaskElement element) const;
    // What the element scores, 0-25.
    int elementScore(TaskElement element) const;
    QList<LintFinding> findingsFor(TaskElement element) const;

    QJsonObject toJson() const;
};

} // namespace delegate
