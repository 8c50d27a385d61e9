// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentlibrary.h"

#include "domain/environmentyaml.h"
#include "resourcelocations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace delegate {

namespace {

const QString suffix = QStringLiteral(".yaml");

QStringList profileNamesIn(const QString &directory)
{
    QStringList names;
    const QStringList files =
        QDir(directory).entryList({ QStringLiteral("*.yaml") }, QDir::Files | QDir::Readable);
    for (const QString &file : files) {
        const QString name = file.chopped(suffix.size());
        if (EnvironmentLibrary::nameProblem(name).isEmpty())
            names.append(name);
    }
    return names;
}

} // namespace

EnvironmentLibrary::EnvironmentLibrary()
    : EnvironmentLibrary(defaultUserDirectory(), defaultExampleDirectories())
{ }

EnvironmentLibrary::EnvironmentLibrary(QString userDirectory, QStringList exampleDirectories)
    : m_userDirectory(std::move(userDirectory))
    , m_exampleDirectories(std::move(exampleDirectories))
{ }

QString EnvironmentLibrary::defaultUserDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/environments";
}

QStringList EnvironmentLibrary::defaultExampleDirectories()
{
    return ResourceLocations::directories(QStringLiteral("examples/environments"));
}

QStringList EnvironmentLibrary::names() const
{
    QStringList names = profileNamesIn(m_userDirectory);
    for (const QString &directory : m_exampleDirectories)
        names += profileNamesIn(directory);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

bool EnvironmentLibrary::contains(const QString &name) const
{
    if (!nameProblem(name).isEmpty())
        return false;
    return QFileInfo::exists(userFile(name)) || !exampleFile(name).isEmpty();
}

bool EnvironmentLibrary::isExample(const QString &name) const
{
    return nameProblem(name).isEmpty() && !QFileInfo::exists(userFile(name)) && !exampleFile(name).isEmpty();
}

QString EnvironmentLibrary::filePath(const QString &name) const
{
    return isExample(name) ? exampleFile(name) : userFile(name);
}

LoadResult<EnvironmentProfile> EnvironmentLibrary::load(const QString &name) const
{
    const QString path = filePath(name);
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return { std::nullopt, { SourceError { path, 0, 0, QString(), problem } } };
    if (!QFileInfo::exists(path)) {
        const QString message =
            QStringLiteral("there is no environment `%1` in %2; create it, or pick one of: %3")
                .arg(name, m_userDirectory, names().join(u", "));
        return { std::nullopt, { SourceError { path, 0, 0, QString(), message } } };
    }
    LoadResult<EnvironmentProfile> result = EnvironmentYaml::load(path);
    if (result.ok() && result.value->name != name) {
        const QString message =
            QStringLiteral(
                "the file is named after `%1` but says `name: %2`; tasks find an environment by its "
                "name, so rename the file to %2.yaml or set `name: %1`")
                .arg(name, result.value->name);
        return { std::nullopt, { SourceError { path, 0, 0, QStringLiteral("name"), message } } };
    }
    return result;
}

bool EnvironmentLibrary::save(const EnvironmentProfile &profile, QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (const QString problem = nameProblem(profile.name); !problem.isEmpty())
        return fail(problem);
    // The editor may hold anything; only what reads back the same is written,
    // so a saved file always loads.
    const QByteArray text = EnvironmentYaml::save(profile);
    const LoadResult<EnvironmentProfile> readBack = EnvironmentYaml::parse(text, userFile(profile.name));
    if (!readBack.ok()) {
        QStringList problems;
        for (const SourceError &sourceError : readBack.errors)
            problems.append(sourceError.path.isEmpty() ? sourceError.message
                                                       : sourceError.path + u": " + sourceError.message);
        return fail(
            QStringLiteral("the environment `%1` was not saved: %2").arg(profile.name, problems.join(u"; ")));
    }
    if (!QDir().mkpath(m_userDirectory))
        return fail(QStringLiteral("cannot create the folder %1; check its parent's permissions")
                        .arg(m_userDirectory));
    QSaveFile file(userFile(profile.name));
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return fail(QStringLiteral("cannot write %1: %2; check the folder's permissions and free space")
                        .arg(file.fileName(), file.errorString()));
    return true;
}

bool EnvironmentLibrary::remove(const QString &name, QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return fail(problem);
    if (isExample(name))
        return fail(QStringLiteral("`%1` is an example shipped with Delegate and cannot be removed; "
                                   "it stays available to copy from")
                        .arg(name));
    QFile file(userFile(name));
    if (!file.exists())
        return fail(QStringLiteral("there is no environment `%1` in %2").arg(name, m_userDirectory));
    if (!file.remove())
        return fail(QStringLiteral("cannot remove %1: %2").arg(file.fileName(), file.errorString()));
    return true;
}

QString EnvironmentLibrary::nameProblem(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"));
    if (name.isEmpty())
        return QStringLiteral("the environment has no name; give it one, such as `repository-reader`");
    if (!valid.match(name).hasMatch())
        return QStringLiteral(
                   "`%1` cannot name an environment: use up to 100 letters, digits, `-`, `_` or `.`, "
                   "starting with a letter or digit, such as `repository-reader`")
            .arg(name);
    return {};
}

QString EnvironmentLibrary::userFile(const QString &name) const
{
    return m_userDirectory + u'/' + name + suffix;
}

QString EnvironmentLibrary::exampleFile(const QString &name) const
{
    for (const QString &directory : m_exampleDirectories) {
        const QString path = directory + u'/' + name + suffix;
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

} // namespace delegate
