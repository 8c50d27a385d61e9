// SPDX-License-Identifier: GPL-3.0-or-later
#include "alignmentreport.h"

#include <QJsonArray>

namespace delegate {

QList<AlignmentFinding> AlignmentReport::findingsOf(AlignmentFinding::Kind kind) const
{
    QList<AlignmentFinding> matching;
    for (const AlignmentFinding &finding : findings) {
        if (finding.kind == kind)
            matching.append(finding);
    }
    return matching;
}

QJsonObject AlignmentReport::toJson() const
{
    QJsonArray findingArray;
    for (const AlignmentFinding &finding : findings)
        findingArray.append(finding.toJson());
    return {
        { QLatin1String("verdict"), enumToString(verdict) },
        { QLatin1String("findings"), findingArray },
        { QLatin1String("notes"), QJsonArray::fromStringList(notes) },
        { QLatin1String("needs"), needs.toJson() },
    };
}

} // namespace delegate
