// SPDX-License-Identifier: GPL-3.0-or-later
#include "lintverdict.h"

namespace delegate {

template<> std::span<const EnumName<LintVerdict>> enumNames<LintVerdict>()
{
    static constexpr EnumName<LintVerdict> names[] = {
        { LintVerdict::Unbounded, QLatin1StringView("unbounded") },
        { LintVerdict::PartiallyBounded, QLatin1StringView("partially-bounded") },
        { LintVerdict::Bounded, QLatin1StringView("bounded") },
    };
    return names;
}

} // namespace delegate
