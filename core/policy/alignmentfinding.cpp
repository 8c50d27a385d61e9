// SPDX-License-Identifier: GPL-3.0-or-later
#include "alignmentfinding.h"

#include <QJsonArray>

namespace delegate {

template<> std::span<const EnumName<AlignmentFinding::Kind>> enumNames<AlignmentFinding::Kind>()
{
    static constexpr EnumName<AlignmentFinding::Kind> names[] = {
        { AlignmentFinding::Kind::Missing, QLatin1StringView("missing") },
        { AlignmentFinding::Kind::Excess, QLatin1StringView("excess") },
    };
    return names;
}

QJsonObject AlignmentFinding::toJson() const
{
    return {
        { QLatin1String("kind"), enumToString(kind) },
        { QLatin1String("capability"), enumToString(capability) },
        { QLatin1String("items"), QJsonArray::fromStringList(items) },
        { QLatin1String("explanation"), explanation },
        { QLatin1String("field"), field },
        { QLatin1String("value"), value },
        { QLatin1String("fix"), fix },
    };
}

} // namespace delegate
