// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace delegate {

// Finds the programs an environment names as tools on the host: first in the
// configured tool directories, then on the search path (the engine's PATH).
class ToolLocator final
{
public:
    ToolLocator(QStringList toolDirectories, QStringList searchPath);
    // The search path is the environment's PATH; relative and empty entries
    // are skipped, since they depend on the engine's working directory.
    static ToolLocator fromEnvironment(const QProcessEnvironment &environment,
                                       QStringList toolDirectories = {});

    // The host path of the executable file, or nothing.
    std::optional<QString> locate(const QString &name) const;

    const QStringList &toolDirectories() const { return m_toolDirectories; }
    const QStringList &searchPath() const { return m_searchPath; }

    // A tool is a program name such as "rg" or "clang-format", never a path.
    static bool isValidName(const QString &name);

private:
    QStringList m_toolDirectories;
    QStringList m_searchPath;
};

} // namespace delegate
