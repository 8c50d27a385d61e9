// SPDX-License-Identifier: GPL-3.0-or-later
#include "lintfinding.h"

namespace delegate {

QJsonObject LintFinding::toJson() const
{
    return {
        { QLatin1String("severity"), enumToString(severity) },
        { QLatin1String("element"), enumToString(element) },
        { QLatin1String("rule"), rule },
        { QLatin1String("field"), field },
        { QLatin1String("problem"), problem },
        { QLatin1String("why"), why },
        { QLatin1String("fix"), fix },
        { QLatin1String("points"), points },
    };
}

} // namespace delegate
