// SPDX-License-Identifier: GPL-3.0-or-later
#include "lintseverity.h"

namespace delegate {

template<> std::span<const EnumName<LintSeverity>> enumNames<LintSeverity>()
{
    static constexpr EnumName<LintSeverity> names[] = {
        { LintSeverity::Error, QLatin1StringView("error") },
        { LintSeverity::Warning, QLatin1StringView("warning") },
        { LintSeverity::Info, QLatin1StringView("info") },
    };
    return names;
}

} // namespace delegate
