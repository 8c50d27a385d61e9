// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alignmentfinding.h"
#include "alignmentverdict.h"
#include "capabilityneeds.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace delegate {

// The alignment check's judgement of one task against one environment.
struct AlignmentReport
{
    AlignmentVerdict verdict = AlignmentVerdict::Aligned;
    QList<AlignmentFinding> findings; // missing first, then excess, in the order of the environment file
    QStringList notes; // what the check could not judge, such as a skill it was not given
    CapabilityNeeds needs; // what the verdict was judged against

    QList<AlignmentFinding> findingsOf(AlignmentFinding::Kind kind) const;

    QJsonObject toJson() const;
};

} // namespace delegate
