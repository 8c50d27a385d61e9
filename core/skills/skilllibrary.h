// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/loadresult.h"
#include "domain/skill.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace delegate {

// Where a skill in the library comes from.
enum class SkillOrigin {
    BuiltIn, // shipped with Delegate; read-only
    User, // imported or saved by the user, in the app data folder
};

// A skill folder the library found, before its files are read in full.
struct SkillEntry
{
    QString name;
    QString description;
    QString folder;
    SkillOrigin origin = SkillOrigin::BuiltIn;
};

// The skills a user can pick from: the built-in ones that ship with
// Delegate and the user's own, each an Agent Skills folder. Importing
// validates a folder before copying it in, so the library never holds one
// that cannot be loaded; nothing already there is ever overwritten.
class SkillLibrary final
{
public:
    // Built-in skills: the first "skills" folder ResourceLocations finds (the
    // installed data folder, else the source tree's resources/skills).
    static QStringList defaultBuiltInDirectories();
    // The user's skills: <GenericDataLocation>/delegate/skills, the same for
    // the GUI and the CLI.
    static QString defaultUserDirectory();

    SkillLibrary();
    SkillLibrary(QStringList builtInDirectories, QString userDirectory);

    const QString &userDirectory() const { return m_userDirectory; }

    // Every skill, sorted by name; folders that are not valid skills are left
    // out and reported in problems (if given).
    QList<SkillEntry> list(SourceErrors *problems = nullptr) const;
    std::optional<SkillEntry> find(const QString &name) const;
    LoadResult<Skill> load(const QString &name) const;

    // Loads a folder and checks it by the Agent Skills rules and Delegate's:
    // the frontmatter, the sidecar, and every {{placeholder}} naming a parameter.
    static LoadResult<Skill> check(const QString &folder);
    // The problems of a skill already read: placeholders that name no parameter,
    // parameters named twice.
    static SourceErrors checkSkill(const Skill &skill, const QString &folder);

    // Copies a valid skill folder into the user's skills. Refused, with every
    // problem, when the folder is invalid or a skill of that name exists.
    LoadResult<Skill> importFolder(const QString &folder) const;
    // Copies the skill's folder to destination/<name>; refused when that exists.
    bool exportSkill(const QString &name, const QString &destination, QString *error) const;
    // Writes a new user skill ("save as skill"); refused when the name is
    // taken or the skill would not load back.
    LoadResult<Skill> save(const Skill &skill) const;

private:
    QStringList m_builtInDirectories;
    QString m_userDirectory;
};

} // namespace delegate
