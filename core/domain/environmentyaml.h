// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "environmentprofile.h"
#include "loadresult.h"

#include <QByteArray>
#include <QString>

namespace delegate {

// Environment files as people write them (docs/tasks.md).
// load(save(profile)) == profile.
class EnvironmentYaml final
{
public:
    static LoadResult<EnvironmentProfile> load(const QString &path);
    static LoadResult<EnvironmentProfile> parse(const QByteArray &text, const QString &fileName);
    static QByteArray save(const EnvironmentProfile &profile);
};

} // namespace delegate
