// SPDX-License-Identifier: GPL-3.0-or-later
#include "fielderror.h"

namespace delegate {

QString FieldError::toString() const
{
    if (path.isEmpty())
        return message;
    return path + QLatin1String(": ") + message;
}

} // namespace delegate
