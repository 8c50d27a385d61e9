// SPDX-License-Identifier: GPL-3.0-or-later
#include "lintreport.h"

#include <QJsonArray>

#include <algorithm>

namespace delegate {

bool LintReport::isSatisfied(TaskElement element) const
{
    return std::none_of(findings.cbegin(), findings.cend(), [element](const LintFinding &finding) {
        return finding.element == element && finding.severity == LintSeverity::Error;
    });
}

int LintReport::elementScore(TaskElement element) const
{
    int lost = 0;
    for (const LintFinding &finding : findings) {
        if (finding.element == element)
            lost += finding.points;
    }
    return std::max(0, pointsPerElement - lost);
}

QList<LintFinding> LintReport::findingsFor(TaskElement element) const
{
    QList<LintFinding> found;
    std::copy_if(findings.cbegin(), findings.cend(), std::back_inserter(found),
                 [element](const LintFinding &finding) { return finding.element == element; });
    return found;
}

QJsonObject LintReport::toJson() const
{
    QJsonArray elements;
    for (const EnumName<TaskElement> &element : enumNames<TaskElement>()) {
        elements.append(QJsonObject {
            { QLatin1String("element"), QString(element.name) },
            { QLatin1String("title"), elementTitle(element.value) },
            { QLatin1String("satisfied"), isSatisfied(element.value) },
            { QLatin1String("score"), elementScore(element.value) },
        });
    }
    QJsonArray findingArray;
    for (const LintFinding &finding : findings)
        findingArray.append(finding.toJson());
    return {
        { QLatin1String("verdict"), enumToString(verdict) },
        { QLatin1String("score"), score },
        { QLatin1String("summary"), summary },
        { QLatin1String("elements"), elements },
        { QLatin1String("findings"), findingArray },
    };
}

} // namespace delegate
