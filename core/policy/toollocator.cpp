// SPDX-License-Identifier: GPL-3.0-or-later
#include "toollocator.h"

#include <QDir>
#include <QFileInfo>

namespace delegate {

namespace {

QStringList absoluteDirectories(const QStringList &directories)
{
    QStringList cleaned;
    for (const QString &directory : directories) {
        if (directory.isEmpty() || !QDir::isAbsolutePath(directory))
            continue;
        const QString clean = QDir::cleanPath(directory);
        if (!cleaned.contains(clean))
            cleaned.append(clean);
    }
    return cleaned;
}

} // namespace

ToolLocator::ToolLocator(QStringList toolDirectories, QStringList searchPath)
    : m_toolDirectories(absoluteDirectories(toolDirectories))
    , m_searchPath(absoluteDirectories(searchPath))
{ }

ToolLocator ToolLocator::fromEnvironment(const QProcessEnvironment &environment, QStringList toolDirectories)
{
    return ToolLocator(std::move(toolDirectories),
                       environment.value(QStringLiteral("PATH")).split(u':', Qt::SkipEmptyParts));
}

std::optional<QString> ToolLocator::locate(const QString &name) const
{
    if (!isValidName(name))
        return std::nullopt;
    for (const QStringList *directories : { &m_toolDirectories, &m_searchPath }) {
        for (const QString &directory : *directories) {
            const QFileInfo candidate(directory + u'/' + name);
            if (candidate.isFile() && candidate.isExecutable())
                return candidate.filePath();
        }
    }
    return std::nullopt;
}

bool ToolLocator::isValidName(const QString &name)
{
    return !name.isEmpty() && !name.contains(u'/') && name != QLatin1String(".")
        && name != QLatin1String("..") && !name.contains(QChar(u'\0'));
}

} // namespace delegate
