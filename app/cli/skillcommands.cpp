// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"
#include "humanformat.h"
#include "texttable.h"

#include "domain/quantities.h"
#include "domain/skillfolder.h"
#include "skills/skilllibrary.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype lineWidth = 100;

const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"show this help"_s);
const QCommandLineOption jsonOption(u"json"_s, u"print the result as JSON"_s);

struct VerbInfo
{
    SkillCommand::Verb verb;
    const char *word;
    const char *summary;
    int arguments; // positional arguments the verb takes
    const char *usage;
};

const VerbInfo verbs[] = {
    { SkillCommand::Verb::List, "list", "list the built-in and the user's skills", 0,
      "Usage: delegatectl skill list [--json]\n\n"
      "Every skill in the library: its name, where it comes from (built-in or user) and\n"
      "what it does. Folders that are not valid skills are reported on standard error.\n\n"
      "Exit codes: 0.\n" },
    { SkillCommand::Verb::Show, "show", "show a skill: parameters, bounds and instructions", 1,
      "Usage: delegatectl skill show SKILL [--json]\n\n"
      "SKILL is a skill's name in the library or the path of a skill folder. Prints its\n"
      "description, parameters, bounds (artifact, review point, capabilities, verify\n"
      "commands, task template) and the agent's instructions.\n\n"
      "Exit codes: 0 shown, 65 the folder is not a valid skill, 66 no such skill.\n\n"
      "Example:\n"
      "  delegatectl skill show diagnose-issue\n" },
    { SkillCommand::Verb::Check, "check", "check a skill folder by the Agent Skills rules", 1,
      "Usage: delegatectl skill check DIR [--json]\n\n"
      "Checks a skill folder as import does: SKILL.md's frontmatter (name of 1 to 64\n"
      "a-z, 0-9 and hyphens, equal to the folder's name; a description of 1 to 1024\n"
      "characters; no unknown keys), the delegate.yaml sidecar, and that every\n"
      "{{placeholder}} names a parameter. Each problem names the file, the field and\n"
      "what to change.\n\n"
      "Exit codes: 0 valid, 65 invalid.\n" },
    { SkillCommand::Verb::Import, "import", "copy a checked skill folder into the user's skills", 1,
      "Usage: delegatectl skill import DIR [--json]\n\n"
      "Checks the folder as `skill check` does and copies it into the user's skills\n"
      "(the skills folder in Delegate's data folder). A skill of the same name is never\n"
      "replaced: the import is refused.\n\n"
      "Exit codes: 0 imported, 65 the folder is invalid, 75 a skill of that name exists.\n" },
    { SkillCommand::Verb::Export, "export", "copy a skill's folder out of the library", 2,
      "Usage: delegatectl skill export SKILL DEST\n\n"
      "Copies the skill's folder to DEST/SKILL, usable by other Agent Skills tools.\n"
      "An existing DEST/SKILL is never overwritten.\n\n"
      "Exit codes: 0 exported, 66 no such skill, 75 DEST/SKILL exists, 70 copying failed.\n" },
};

const VerbInfo &infoFor(SkillCommand::Verb verb)
{
    for (const VerbInfo &info : verbs) {
        if (info.verb == verb)
            return info;
    }
    return verbs[0];
}

QString originName(SkillOrigin origin)
{
    return origin == SkillOrigin::BuiltIn ? u"built-in"_s : u"user"_s;
}

void printJson(Console &console, const QJsonObject &object)
{
    console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    console.out().flush();
}

QJsonArray errorsJson(const SourceErrors &errors)
{
    QJsonArray array;
    for (const SourceError &error : errors)
        array.append(error.toJson());
    return array;
}

int reportInvalid(Console &console, const QString &folder, const SourceErrors &errors, bool json)
{
    if (json) {
        printJson(console,
                  { { u"folder"_s, folder }, { u"valid"_s, false }, { u"errors"_s, errorsJson(errors) } });
        return ExitInputError;
    }
    for (const SourceError &error : errors)
        console.err() << error.toString() << '\n';
    console.err() << folder << ": not a valid skill folder (" << errors.size()
                  << " problem(s)); see docs/skills.md for the format.\n";
    console.err().flush();
    return ExitInputError;
}

void printSkill(QTextStream &out, const Skill &skill, const QString &folder)
{
    out << skill.name << "  (" << folder << ")\n";
    out << HumanFormat::wrapped(skill.description, 0, lineWidth) << "\n\n";
    if (!skill.parameters.isEmpty()) {
        TextTable parameters({ u"PARAMETER"_s, u"REQUIRED"_s, u"DEFAULT"_s, u"DESCRIPTION"_s });
        for (const SkillParameter &parameter : skill.parameters)
            parameters.addRow({ parameter.name, parameter.required ? u"yes"_s : u"no"_s,
                                parameter.defaultValue, parameter.description });
        parameters.print(out);
        out << '\n';
    }
    if (skill.expectedArtifact.kind)
        out << "artifact     " << enumToString(*skill.expectedArtifact.kind) << ": "
            << HumanFormat::wrapped(skill.expectedArtifact.description, 13, lineWidth) << '\n';
    out << "review       " << enumToString(skill.checkpointPolicy) << '\n';
    out << "repository   " << enumToString(skill.requiredCapabilities.repository) << '\n';
    if (!skill.requiredCapabilities.tools.isEmpty())
        out << "tools        " << skill.requiredCapabilities.tools.join(u", "_s) << '\n';
    for (const QString &command : skill.verifyCommands)
        out << "verify       " << command << '\n';
    if (!skill.playbook.isEmpty())
        out << "playbook     " << skill.playbook.size() << " step(s); runs without a model\n";
    if (skill.task) {
        const TaskLimits &limits = skill.task->limits;
        QStringList parts;
        if (limits.wallTime)
            parts.append(u"wall time "_s + formatDuration(*limits.wallTime));
        if (limits.steps)
            parts.append(QString::number(*limits.steps) + u" steps"_s);
        if (limits.costUsd)
            parts.append(u"$"_s + QString::number(*limits.costUsd, 'f', 2));
        if (!parts.isEmpty())
            out << "limits       " << parts.join(u", "_s) << '\n';
        out << "objective    " << HumanFormat::wrapped(skill.task->objective.simplified(), 13, lineWidth)
            << '\n';
    }
    out << "\n" << skill.instructions << '\n';
}

} // namespace

SkillCommand::SkillCommand(Verb verb)
    : m_verb(verb)
{ }

QStringList SkillCommand::path() const
{
    return { u"skill"_s, QString::fromLatin1(infoFor(m_verb).word) };
}

QString SkillCommand::summary() const
{
    return QString::fromLatin1(infoFor(m_verb).summary);
}

QCoro::Task<int> SkillCommand::run(QStringList arguments, Console &console)
{
    const VerbInfo &info = infoFor(m_verb);
    const QString command = u"skill "_s + QString::fromLatin1(info.word);
    QCommandLineParser parser;
    parser.addOption(helpOption);
    if (m_verb != Verb::Export)
        parser.addOption(jsonOption);
    const auto usageError = [&](const QString &problem) {
        console.err() << "delegatectl " << command << ": " << problem << "\n\n" << info.usage;
        console.err().flush();
        return int(ExitUsage);
    };
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        co_return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        console.out() << info.usage;
        console.out().flush();
        co_return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != info.arguments)
        co_return usageError(
            u"expected %1 argument(s), got %2."_s.arg(info.arguments).arg(positional.size()));
    const bool json = m_verb != Verb::Export && parser.isSet(jsonOption);
    switch (m_verb) {
    case Verb::List:
        co_return list(json, console);
    case Verb::Show:
        co_return show(positional.at(0), json, console);
    case Verb::Check:
        co_return check(positional.at(0), json, console);
    case Verb::Import:
        co_return importFolder(positional.at(0), json, console);
    case Verb::Export:
        co_return exportSkill(positional.at(0), positional.at(1), console);
    }
    co_return ExitSoftware;
}

int SkillCommand::list(bool json, Console &console) const
{
    const SkillLibrary library;
    SourceErrors problems;
    const QList<SkillEntry> entries = library.list(&problems);
    if (json) {
        QJsonArray array;
        for (const SkillEntry &entry : entries)
            array.append(QJsonObject { { u"name"_s, entry.name },
                                       { u"description"_s, entry.description },
                                       { u"origin"_s, originName(entry.origin) },
                                       { u"folder"_s, entry.folder } });
        printJson(console, { { u"skills"_s, array }, { u"problems"_s, errorsJson(problems) } });
        return ExitOk;
    }
    QTextStream &out = console.out();
    if (entries.isEmpty())
        out << "No skills found; import one with: delegatectl skill import DIR\n";
    for (const SkillEntry &entry : entries) {
        out << entry.name.leftJustified(30) << ' ' << originName(entry.origin).leftJustified(9) << ' '
            << HumanFormat::wrapped(entry.description.section(u". "_s, 0, 0), 41, lineWidth) << '\n';
    }
    out << "User skills are kept in " << library.userDirectory() << '\n';
    out.flush();
    for (const SourceError &problem : std::as_const(problems))
        console.err() << "skipped: " << problem.toString() << '\n';
    console.err().flush();
    return ExitOk;
}

int SkillCommand::show(const QString &skill, bool json, Console &console) const
{
    QString folder = skill;
    if (!QFileInfo(skill).isDir()) {
        const std::optional<SkillEntry> entry = SkillLibrary().find(skill);
        if (!entry) {
            console.err() << "delegatectl skill show: no skill is called " << skill
                          << " and there is no such folder; `delegatectl skill list` shows the library.\n";
            console.err().flush();
            return ExitNotFound;
        }
        folder = entry->folder;
    }
    const LoadResult<Skill> loaded = SkillLibrary::check(folder);
    if (!loaded.ok())
        return reportInvalid(console, folder, loaded.errors, json);
    if (json) {
        QJsonObject object = loaded.value->toJson();
        object.insert(u"folder"_s, QFileInfo(folder).absoluteFilePath());
        printJson(console, object);
        return ExitOk;
    }
    printSkill(console.out(), *loaded.value, QFileInfo(folder).absoluteFilePath());
    console.out().flush();
    return ExitOk;
}

int SkillCommand::check(const QString &folder, bool json, Console &console) const
{
    const LoadResult<Skill> loaded = SkillLibrary::check(folder);
    if (!loaded.ok())
        return reportInvalid(console, folder, loaded.errors, json);
    if (json) {
        printJson(console,
                  { { u"folder"_s, folder }, { u"valid"_s, true }, { u"name"_s, loaded.value->name } });
    } else {
        console.out() << folder << ": a valid skill, " << loaded.value->name << ", with "
                      << loaded.value->parameters.size() << " parameter(s).\n";
        console.out().flush();
    }
    return ExitOk;
}

int SkillCommand::importFolder(const QString &folder, bool json, Console &console) const
{
    const SkillLibrary library;
    const LoadResult<Skill> checked = SkillLibrary::check(folder);
    if (!checked.ok())
        return reportInvalid(console, folder, checked.errors, json);
    const LoadResult<Skill> imported = library.importFolder(folder);
    if (!imported.ok()) {
        for (const SourceError &error : imported.errors)
            console.err() << error.toString() << '\n';
        console.err().flush();
        return library.find(checked.value->name) ? ExitConflict : ExitSoftware;
    }
    const QString target = QDir(library.userDirectory()).filePath(imported.value->name);
    if (json)
        printJson(console, { { u"name"_s, imported.value->name }, { u"folder"_s, target } });
    else
        console.out() << "Imported " << imported.value->name << " into " << target << '\n';
    console.out().flush();
    return ExitOk;
}

int SkillCommand::exportSkill(const QString &name, const QString &destination, Console &console) const
{
    const SkillLibrary library;
    if (!library.find(name)) {
        console.err() << "delegatectl skill export: no skill is called " << name
                      << "; `delegatectl skill list` shows the library.\n";
        console.err().flush();
        return ExitNotFound;
    }
    QString error;
    if (!library.exportSkill(name, destination, &error)) {
        console.err() << "delegatectl skill export: " << error << ".\n";
        console.err().flush();
        return QFileInfo::exists(QDir(destination).filePath(name)) ? ExitConflict : ExitSoftware;
    }
    console.out() << "Exported " << name << " to " << QDir(destination).filePath(name) << '\n';
    console.out().flush();
    return ExitOk;
}

void registerSkillCommands(CommandRegistry &registry)
{
    for (const VerbInfo &info : verbs)
        registry.add(std::make_unique<SkillCommand>(info.verb));
}

} // namespace delegate::cli
