// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {

struct SandboxFileEntry
{
    enum class Type { File, Directory, Symlink, Other };

    QString path; // relative to the workspace, '/'-separated
    Type type = Type::File;
    qint64 size = 0;
};

} // namespace delegate
