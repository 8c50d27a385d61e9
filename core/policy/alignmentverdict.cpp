// SPDX-License-Identifier: GPL-3.0-or-later
#include "alignmentverdict.h"

namespace delegate {

template<> std::span<const EnumName<AlignmentVerdict>> enumNames<AlignmentVerdict>()
{
    static constexpr EnumName<AlignmentVerdict> names[] = {
        { AlignmentVerdict::Aligned, QLatin1StringView("aligned") },
        { AlignmentVerdict::Excess, QLatin1StringView("excess") },
        { AlignmentVerdict::Missing, QLatin1StringView("missing") },
    };
    return names;
}

} // namespace delegate
