// SPDX-License-Identifier: GPL-3.0-or-later
#include "demoworkspace.h"

#include "domain/environmentyaml.h"
#include "domain/skillfolder.h"
#include "domain/taskyaml.h"
#include "library/resourcelocations.h"
#include "workspace/gitrunner.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

SourceError problem(const QString &file, const QString &message)
{
    SourceError error;
    error.file = file;
    error.message = message;
    return error;
}

// Copies a folder's files, keeping their permission bits.
QString copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString relative = QDir(from).relativeFilePath(file);
        if (relative.contains(u"__pycache__"_s))
            continue;
        const QString target = to + u'/' + relative;
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(file, target))
            return u"Cannot copy %1 to %2: check that the folder is writable."_s.arg(relative, target);
        QFile::setPermissions(target, QFile::permissions(file) | QFileDevice::WriteOwner);
    }
    return {};
}

} // namespace

DemoWorkspace::DemoWorkspace(QString repository)
    : m_repository(std::move(repository))
{ }

QString DemoWorkspace::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + u"/delegate/demo/invoices"_s;
}

QString DemoWorkspace::resourceDirectory()
{
    const QStringList found = ResourceLocations::directories(u"demo"_s);
    return found.value(0);
}

QCoro::Task<DemoWorkspace::Prepared> DemoWorkspace::prepareRepository(QString repository)
{
    Prepared prepared;
    const QString target = repository;
    const QDir dir(target);
    if (dir.exists() && QFileInfo(target + u"/.git"_s).exists()) {
        const QStringList arguments { u"rev-parse"_s, u"--verify"_s, u"--quiet"_s, u"HEAD"_s };
        const QMap<QString, QString> noEnvironment;
        const std::chrono::milliseconds timeout = std::chrono::seconds(30);
        const GitOutput head = co_await GitRunner::run(arguments, target, noEnvironment, timeout);
        if (head.ok()) {
            prepared.repository = target;
            co_return prepared;
        }
        prepared.error = u"%1 is a git repository without a commit, not the demo: move it away and try "
                         "again."_s.arg(target);
        co_return prepared;
    }
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        prepared.error = u"%1 holds files but is not the demo repository; it was left alone. Move it away "
                         "and try again."_s.arg(target);
        co_return prepared;
    }
    const QString source = resourceDirectory();
    if (source.isEmpty()) {
        prepared.error = u"The demo project that ships with Delegate was not found (resources/demo): "
                         "reinstall Delegate."_s;
        co_return prepared;
    }
    if (const QString copied = copyTree(source + u"/invoices"_s, target); !copied.isEmpty()) {
        prepared.error = copied;
        co_return prepared;
    }
    // A fixed author, so the demo's history is the same everywhere and needs
    // no git identity from the user.
    const QMap<QString, QString> identity {
        { u"GIT_AUTHOR_NAME"_s, u"Delegate"_s },
        { u"GIT_AUTHOR_EMAIL"_s, u"demo@delegate.invalid"_s },
        { u"GIT_COMMITTER_NAME"_s, u"Delegate"_s },
        { u"GIT_COMMITTER_EMAIL"_s, u"demo@delegate.invalid"_s },
        { u"GIT_AUTHOR_DATE"_s, u"2025-01-01T12:00:00Z"_s },
        { u"GIT_COMMITTER_DATE"_s, u"2025-01-01T12:00:00Z"_s },
    };
    const QList<QStringList> steps {
        { u"init"_s, u"-q"_s, u"-b"_s, u"main"_s },
        { u"add"_s, u"-A"_s },
        { u"commit"_s, u"-q"_s, u"-m"_s, u"The invoices demo project"_s },
    };
    const std::chrono::milliseconds timeout = std::chrono::seconds(60);
    for (const QStringList &step : steps) {
        const GitOutput output = co_await GitRunner::run(step, target, identity, timeout);
        if (!output.ok()) {
            prepared.error = u"git %1 failed in %2: %3"_s.arg(step.constFirst(), target, output.errorText());
            co_return prepared;
        }
    }
    prepared.repository = target;
    prepared.created = true;
    co_return prepared;
}

LoadResult<TaskSpec> DemoWorkspace::loadTask(const QString &file) const
{
    const QString directory = resourceDirectory();
    if (directory.isEmpty()) {
        LoadResult<TaskSpec> missing;
        missing.errors.append(problem(file, u"the demo's files (resources/demo) were not found"_s));
        return missing;
    }
    LoadResult<TaskSpec> task = TaskYaml::load(directory + u"/tasks/"_s + file);
    if (task.ok())
        task.value->scope.repository = m_repository;
    return task;
}

LoadResult<TaskSpec> DemoWorkspace::offlineTask() const
{
    return loadTask(u"find-the-flaky-test.yaml"_s);
}

LoadResult<TaskSpec> DemoWorkspace::modelTask(const AgentSpec &agent) const
{
    LoadResult<TaskSpec> task = loadTask(u"check-the-docs.yaml"_s);
    if (task.ok())
        task.value->agent = agent;
    return task;
}

LoadResult<EnvironmentProfile> DemoWorkspace::environment() const
{
    const QString directory = resourceDirectory();
    if (directory.isEmpty()) {
        LoadResult<EnvironmentProfile> missing;
        missing.errors.append(
            problem(u"environment.yaml"_s, u"the demo's files (resources/demo) were not found"_s));
        return missing;
    }
    return EnvironmentYaml::load(directory + u"/environment.yaml"_s);
}

LoadResult<Skill> DemoWorkspace::skill() const
{
    const QStringList found = ResourceLocations::directories(u"skills/investigate-flaky-tests"_s);
    if (found.isEmpty()) {
        LoadResult<Skill> missing;
        missing.errors.append(
            problem(u"investigate-flaky-tests"_s,
                    u"the built-in skill investigate-flaky-tests was not found: reinstall Delegate"_s));
        return missing;
    }
    return SkillFolder::load(found.constFirst());
}

} // namespace delegate
