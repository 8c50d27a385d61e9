// SPDX-License-Identifier: GPL-3.0-or-later
#include "role.h"

namespace delegate {

template<> std::span<const EnumName<Role>> enumNames<Role>()
{
    static constexpr EnumName<Role> names[] = {
        { Role::Lead, QLatin1StringView("lead") },
        { Role::Reviewer, QLatin1StringView("reviewer") },
        { Role::Auditor, QLatin1StringView("auditor") },
    };
    return names;
}

} // namespace delegate
