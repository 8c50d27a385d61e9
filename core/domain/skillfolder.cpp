// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillfolder.h"

#include "closestmatch.h"
#include "yamldocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

const QStringList frontmatterKeys { u"name"_s,          u"description"_s, u"license"_s,
                                    u"compatibility"_s, u"metadata"_s,    u"allowed-tools"_s };

SourceError errorAt(const QString &file, int line, const QString &field, const QString &message)
{
    return { file, line, 0, field, message };
}

} // namespace

QString SkillFolder::checkName(const QString &name)
{
    static const QRegularExpression allowed(uR"(^[a-z0-9]+(-[a-z0-9]+)*$)"_s);
    if (name.isEmpty() || name.size() > maxNameLength)
        return u"a name has 1 to %1 characters"_s.arg(maxNameLength);
    if (!allowed.match(name).hasMatch())
        return u"use lower-case letters, digits and single hyphens, not at the start or end (for example 'diagnose-issue')"_s;
    return {};
}

LoadResult<Skill> SkillFolder::load(const QString &directory)
{
    LoadResult<Skill> result;
    const QDir folder(directory);
    const QString skillPath = folder.filePath(QLatin1String(skillFile));
    QFile file(skillPath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors.append(errorAt(
            skillPath, 0, {},
            u"cannot read the skill: %1. A skill folder needs a SKILL.md."_s.arg(file.errorString())));
        return result;
    }
    const QString text = QString::fromUtf8(file.readAll());
    QStringList lines = text.split(u'\n');
    if (lines.isEmpty() || lines.constFirst().trimmed() != "---"_L1) {
        result.errors.append(errorAt(
            skillPath, 1, {},
            u"SKILL.md must start with YAML frontmatter between '---' lines, with name and description."_s));
        return result;
    }
    qsizetype end = 1;
    while (end < lines.size() && lines.at(end).trimmed() != "---"_L1)
        ++end;
    if (end == lines.size()) {
        result.errors.append(errorAt(skillPath, 1, {}, u"the frontmatter has no closing '---' line."_s));
        return result;
    }
    // Keep line numbers right: blank lines stand in for the opening rule.
    const QString frontmatterText = u"\n"_s + lines.mid(1, end - 1).join(u'\n');
    const YamlDocument frontmatter = YamlDocument::parse(frontmatterText.toUtf8(), skillPath);
    result.errors += frontmatter.errors();
    if (!result.errors.isEmpty())
        return result;
    const QJsonObject meta = frontmatter.root();
    for (auto it = meta.constBegin(); it != meta.constEnd(); ++it) {
        if (!frontmatterKeys.contains(it.key())) {
            const QString suggestion = closestMatch(it.key(), frontmatterKeys);
            result.errors.append(
                errorAt(skillPath, 0, it.key(),
                        u"unknown frontmatter key; allowed are %1%2"_s.arg(
                            frontmatterKeys.join(u", "_s),
                            suggestion.isEmpty() ? QString() : u" (did you mean `%1`?)"_s.arg(suggestion))));
        }
    }
    const QString name = meta.value("name"_L1).toString();
    const QString folderName = QFileInfo(QDir::cleanPath(directory)).fileName();
    if (const QString problem = checkName(name); !problem.isEmpty())
        result.errors.append(
            errorAt(skillPath, 2, u"name"_s, u"'%1' is not a valid skill name: %2."_s.arg(name, problem)));
    else if (name != folderName)
        result.errors.append(errorAt(
            skillPath, 2, u"name"_s,
            u"the name '%1' must equal the folder's name '%2'; rename one of them."_s.arg(name, folderName)));
    const QString description = meta.value("description"_L1).toString().trimmed();
    if (description.isEmpty() || description.size() > maxDescriptionLength) {
        result.errors.append(errorAt(
            skillPath, 0, u"description"_s,
            u"a description says what the skill does and when to use it, in 1 to %1 characters."_s.arg(
                maxDescriptionLength)));
    }
    if (!result.errors.isEmpty())
        return result;

    const QJsonObject supplied { { u"name"_s, name },
                                 { u"description"_s, description },
                                 { u"instructions"_s, lines.mid(end + 1).join(u'\n').trimmed() } };
    const QString boundsPath = folder.filePath(QLatin1String(boundsFile));
    if (!QFileInfo::exists(boundsPath)) {
        Skill skill;
        skill.name = name;
        skill.description = description;
        skill.instructions = supplied.value("instructions"_L1).toString();
        result.value = skill;
        return result;
    }
    return YamlDocument::read(boundsPath).load<Skill>(supplied);
}

} // namespace delegate
