// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lintseverity.h"
#include "taskelement.h"

#include <QJsonObject>
#include <QString>

namespace delegate {

// One thing the bounded-task lint found, said so that a person can act on it.
struct LintFinding
{
    LintSeverity severity = LintSeverity::Error;
    TaskElement element = TaskElement::ScopeAndContext;
    QString rule; // stable id, such as "objective-vague-verb" (docs/tasks.md lists them)
    QString field; // the field path to change, such as "limits.wall_time"
    QString problem; // what is missing or wrong
    QString why; // why it matters for a background agent
    QString fix; // what to write instead
    int points = 0; // what it costs on the 0-100 boundedness meter

    QJsonObject toJson() const;

    friend bool operator==(const LintFinding &, const LintFinding &) = default;
};

} // namespace delegate
