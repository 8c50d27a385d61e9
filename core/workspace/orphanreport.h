// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace delegate {

// What collecting orphaned workspaces did.
struct OrphanReport
{
    QStringList removedRunIds;
    QStringList notes; // what was left alone, and why
};

} // namespace delegate
