// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace delegate {

// The folders that hold the resources Delegate ships (examples, built-in
// skills), most specific first: the XDG data folders ($XDG_DATA_HOME,
// $XDG_DATA_DIRS) under "delegate/", the folder the build installs into, the
// one beside the running program (a relocated install), and last the source
// tree, so a build run in place works without installing.
class ResourceLocations final
{
public:
    // Existing folders named `relativePath` ("examples/environments"), without duplicates.
    static QStringList directories(const QString &relativePath);
};

} // namespace delegate
