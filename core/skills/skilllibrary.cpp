// SPDX-License-Identifier: GPL-3.0-or-later
#include "skilllibrary.h"

#include "skillwriter.h"

#include "agents/playbook/playbookruntime.h"
#include "domain/skillfolder.h"
#include "library/resourcelocations.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace delegate {

using namespace Qt::StringLiterals;

namespace {

SourceError problem(const QString &file, const QString &field, const QString &message)
{
    return { file, 0, 0, field, message };
}

// Copies a folder's files (SKILL.md, delegate.yaml and whatever scripts or
// references the skill carries) into a new folder.
bool copyFolder(const QString &from, const QString &to, QString *error)
{
    const QDir source(from);
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    if (!QDir().mkpath(to)) {
        *error = u"cannot create the folder %1"_s.arg(to);
        return false;
    }
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString target = QDir(to).filePath(source.relativeFilePath(path));
        if (info.isSymLink())
            continue; // a link could reach outside the folder; skills carry plain files
        if (info.isDir()) {
            if (!QDir().mkpath(target)) {
                *error = u"cannot create the folder %1"_s.arg(target);
                return false;
            }
        } else if (!QFile::copy(path, target)) {
            *error = u"cannot copy %1 to %2"_s.arg(path, target);
            return false;
        }
    }
    return true;
}

// The {{name}} placeholders of a text.
QStringList placeholdersIn(const QString &text)
{
    static const QRegularExpression placeholder(uR"(\{\{\s*([A-Za-z0-9_.-]+)\s*\}\})"_s);
    QStringList names;
    QRegularExpressionMatchIterator it = placeholder.globalMatch(text);
    while (it.hasNext())
        names.append(it.next().captured(1));
    return names;
}

void collectTexts(const TaskSpec &task, QList<std::pair<QString, QString>> &texts)
{
    const auto add = [&texts](const QString &field, const QString &text) {
        texts.append({ field, text });
    };
    const auto addAll = [&add](const QString &field, const QStringList &list) {
        for (const QString &text : list)
            add(field, text);
    };
    add(u"task.title"_s, task.title);
    add(u"task.objective"_s, task.objective);
    add(u"task.scope.repository"_s, task.scope.repository);
    add(u"task.scope.base_ref"_s, task.scope.baseRef);
    addAll(u"task.scope.include"_s, task.scope.include);
    addAll(u"task.scope.exclude"_s, task.scope.exclude);
    addAll(u"task.constraints"_s, task.constraints);
    addAll(u"task.acceptance_criteria"_s, task.acceptanceCriteria);
    addAll(u"task.verify"_s, task.verifyCommands);
    add(u"task.expected_artifact.description"_s, task.expectedArtifact.description);
    for (const ContextItem &item : task.context) {
        add(u"task.context"_s, item.value);
        add(u"task.context"_s, item.label);
    }
}

} // namespace

QStringList SkillLibrary::defaultBuiltInDirectories()
{
    // The most specific place that ships skills; the user's own folder may be
    // among the XDG data folders, and its skills are not built in.
    const QString user = QFileInfo(defaultUserDirectory()).canonicalFilePath();
    const QStringList found = ResourceLocations::directories(u"skills"_s);
    for (const QString &directory : found) {
        if (directory != user)
            return { directory };
    }
    return {};
}

QString SkillLibrary::defaultUserDirectory()
{
    // Not AppDataLocation: the GUI sets an organisation name and the CLI does
    // not, and both must see the same skills.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/delegate/skills"_s;
}

SkillLibrary::SkillLibrary()
    : SkillLibrary(defaultBuiltInDirectories(), defaultUserDirectory())
{ }

SkillLibrary::SkillLibrary(QStringList builtInDirectories, QString userDirectory)
    : m_builtInDirectories(std::move(builtInDirectories))
    , m_userDirectory(std::move(userDirectory))
{ }

QList<SkillEntry> SkillLibrary::list(SourceErrors *problems) const
{
    QList<SkillEntry> entries;
    QStringList seen;
    const auto scan = [&](const QString &directory, SkillOrigin origin) {
        const QFileInfoList folders =
            QDir(directory).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &folder : folders) {
            const LoadResult<Skill> loaded = SkillFolder::load(folder.filePath());
            if (!loaded.ok()) {
                if (problems)
                    *problems += loaded.errors;
                continue;
            }
            if (seen.contains(loaded.value->name)) {
                if (problems)
                    problems->append(
                        problem(folder.filePath(), u"name"_s,
                                u"another skill is called %1 already; this one is left out. Rename "
                                "one of them."_s.arg(loaded.value->name)));
                continue;
            }
            seen.append(loaded.value->name);
            entries.append(
                { loaded.value->name, loaded.value->description, folder.absoluteFilePath(), origin });
        }
    };
    for (const QString &directory : m_builtInDirectories)
        scan(directory, SkillOrigin::BuiltIn);
    scan(m_userDirectory, SkillOrigin::User);
    std::sort(entries.begin(), entries.end(),
              [](const SkillEntry &a, const SkillEntry &b) { return a.name < b.name; });
    return entries;
}

std::optional<SkillEntry> SkillLibrary::find(const QString &name) const
{
    const QList<SkillEntry> entries = list();
    const auto it = std::find_if(entries.cbegin(), entries.cend(),
                                 [&name](const SkillEntry &entry) { return entry.name == name; });
    if (it == entries.cend())
        return std::nullopt;
    return *it;
}

LoadResult<Skill> SkillLibrary::load(const QString &name) const
{
    const std::optional<SkillEntry> entry = find(name);
    if (!entry) {
        LoadResult<Skill> result;
        result.errors.append(problem(
            name, {}, u"no skill is called %1; `delegatectl skill list` shows the library"_s.arg(name)));
        return result;
    }
    return SkillFolder::load(entry->folder);
}

SourceErrors SkillLibrary::checkSkill(const Skill &skill, const QString &folder)
{
    SourceErrors errors;
    const QString boundsPath = QDir(folder).filePath(QLatin1String(SkillFolder::boundsFile));
    QStringList names;
    for (const SkillParameter &parameter : skill.parameters) {
        if (names.contains(parameter.name))
            errors.append(problem(boundsPath, u"parameters"_s,
                                  u"the parameter '%1' is declared twice; remove one"_s.arg(parameter.name)));
        names.append(parameter.name);
    }
    QList<std::pair<QString, QString>> texts;
    for (const QString &command : skill.verifyCommands)
        texts.append({ u"verify"_s, command });
    for (const PlaybookStep &step : skill.playbook) {
        texts.append({ u"playbook"_s, step.command });
        texts.append({ u"playbook"_s, step.repeat });
    }
    texts.append({ u"expected_artifact.description"_s, skill.expectedArtifact.description });
    if (skill.task)
        collectTexts(*skill.task, texts);
    const QString declared = names.isEmpty() ? u"none"_s : names.join(u", "_s);
    for (const auto &[field, text] : std::as_const(texts)) {
        const QStringList used = placeholdersIn(text);
        for (const QString &name : used) {
            if (!names.contains(name))
                errors.append(problem(boundsPath, field,
                                      u"{{%1}} names no parameter of the skill (it declares: %2); declare it "
                                      "under parameters or correct the name"_s.arg(name, declared)));
        }
    }
    return errors;
}

LoadResult<Skill> SkillLibrary::check(const QString &folder)
{
    LoadResult<Skill> loaded = SkillFolder::load(folder);
    if (!loaded.ok())
        return loaded;
    const SourceErrors errors = checkSkill(*loaded.value, folder);
    if (!errors.isEmpty()) {
        loaded.errors = errors;
        loaded.value.reset();
    }
    return loaded;
}

LoadResult<Skill> SkillLibrary::importFolder(const QString &folder) const
{
    LoadResult<Skill> checked = check(folder);
    if (!checked.ok())
        return checked;
    const QString name = checked.value->name;
    LoadResult<Skill> refused;
    if (const std::optional<SkillEntry> existing = find(name)) {
        refused.errors.append(problem(
            QDir(folder).filePath(QLatin1String(SkillFolder::skillFile)), u"name"_s,
            u"a %1 skill called %2 is in the library already (%3); nothing was replaced. Rename the folder "
            "and its name, or remove the existing one first."_s.arg(
                existing->origin == SkillOrigin::BuiltIn ? u"built-in"_s : u"user"_s, name,
                existing->folder)));
        return refused;
    }
    const QString target = QDir(m_userDirectory).filePath(name);
    QString error;
    if (QFileInfo::exists(target) || !copyFolder(folder, target, &error)) {
        refused.errors.append(problem(
            target, {}, error.isEmpty() ? u"the folder exists already; nothing was replaced"_s : error));
        return refused;
    }
    return checked;
}

bool SkillLibrary::exportSkill(const QString &name, const QString &destination, QString *error) const
{
    const std::optional<SkillEntry> entry = find(name);
    if (!entry) {
        *error = u"no skill is called %1"_s.arg(name);
        return false;
    }
    const QString target = QDir(destination).filePath(name);
    if (QFileInfo::exists(target)) {
        *error = u"%1 exists already; export to another folder, nothing was overwritten"_s.arg(target);
        return false;
    }
    return copyFolder(entry->folder, target, error);
}

LoadResult<Skill> SkillLibrary::save(const Skill &skill) const
{
    LoadResult<Skill> refused;
    if (const QString nameProblem = SkillFolder::checkName(skill.name); !nameProblem.isEmpty()) {
        refused.errors.append(
            problem({}, u"name"_s, u"'%1' is not a valid skill name: %2."_s.arg(skill.name, nameProblem)));
        return refused;
    }
    if (const std::optional<SkillEntry> existing = find(skill.name)) {
        refused.errors.append(
            problem(existing->folder, u"name"_s,
                    u"a skill called %1 exists already; choose another name"_s.arg(skill.name)));
        return refused;
    }
    const SourceErrors problems = checkSkill(skill, QDir(m_userDirectory).filePath(skill.name));
    if (!problems.isEmpty()) {
        refused.errors = problems;
        return refused;
    }
    const QString target = QDir(m_userDirectory).filePath(skill.name);
    QString error;
    if (!SkillWriter::write(skill, target, &error)) {
        refused.errors.append(problem(target, {}, error));
        return refused;
    }
    LoadResult<Skill> written = SkillFolder::load(target);
    if (!written.ok())
        QDir(target).removeRecursively(); // never leave a folder the library cannot read
    return written;
}

} // namespace delegate
