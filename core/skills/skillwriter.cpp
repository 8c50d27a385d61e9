// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillwriter.h"

#include "domain/skillfolder.h"
#include "domain/taskyaml.h"
#include "domain/yamlwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

namespace delegate {

using namespace Qt::StringLiterals;

namespace {

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(u' ');
}

const YamlWriter &boundsWriter()
{
    static const YamlWriter writer([] {
        QHash<QString, QStringList> order = TaskYaml::keyOrder();
        order.insert(u"task"_s, order.value(QString()));
        order.insert(QString(),
                     words("parameters expected_artifact required_capabilities checkpoint_policy verify "
                           "playbook task"));
        order.insert(u"parameters"_s, words("name description required default"));
        order.insert(u"required_capabilities"_s, words("repository network tools mounts secrets"));
        order.insert(u"playbook"_s, words("command parser repeat"));
        return order;
    }());
    return writer;
}

// Leaves out what reads back as the default anyway, so the file shows only
// what the skill decides.
void dropDefault(QJsonObject &object, const QString &key, const QJsonValue &defaultValue)
{
    if (object.value(key) == defaultValue)
        object.remove(key);
}

bool writeFile(const QString &path, const QByteArray &contents, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size() || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

QByteArray SkillWriter::skillMarkdown(const Skill &skill)
{
    const QJsonObject frontmatter { { u"name"_s, skill.name }, { u"description"_s, skill.description } };
    static const YamlWriter writer({ { QString(), { u"name"_s, u"description"_s } } });
    QByteArray text = "---\n" + writer.write(frontmatter) + "---\n\n";
    text += skill.instructions.trimmed().toUtf8();
    text += '\n';
    return text;
}

QByteArray SkillWriter::boundsYaml(const Skill &skill)
{
    QJsonObject json = skill.toJson();
    json.remove(u"name"_s);
    json.remove(u"description"_s);
    json.remove(u"instructions"_s);
    dropDefault(json, u"checkpoint_policy"_s, u"none"_s);
    QJsonArray parameters;
    for (const SkillParameter &parameter : skill.parameters) {
        QJsonObject entry = parameter.toJson();
        dropDefault(entry, u"required"_s, false);
        parameters.append(entry);
    }
    json.insert(u"parameters"_s, parameters);
    QJsonObject capabilities = json.value("required_capabilities"_L1).toObject();
    dropDefault(capabilities, u"repository"_s, u"none"_s);
    QJsonObject network = capabilities.value("network"_L1).toObject();
    if (network.value("mode"_L1) == u"none"_s && network.value("hosts"_L1).toArray().isEmpty())
        capabilities.remove(u"network"_s);
    json.insert(u"required_capabilities"_s, capabilities);
    if (skill.task) {
        QJsonObject task = TaskYaml::yamlTree(*skill.task);
        dropDefault(task, u"checkpoint_policy"_s, u"none"_s);
        dropDefault(task, u"attempts"_s, 1);
        QJsonObject agent = task.value("agent"_L1).toObject();
        dropDefault(agent, u"runtime"_s, u"builtin"_s);
        task.insert(u"agent"_s, agent);
        json.insert(u"task"_s, task);
    }
    return "# Delegate's bounds for this skill (docs/skills.md).\n" + boundsWriter().write(json);
}

bool SkillWriter::write(const Skill &skill, const QString &directory, QString *error)
{
    const QDir folder(directory);
    const QString skillPath = folder.filePath(QLatin1String(SkillFolder::skillFile));
    if (QFile::exists(skillPath)) {
        *error =
            u"%1 exists already; choose another folder or name, nothing was overwritten"_s.arg(skillPath);
        return false;
    }
    if (!QDir().mkpath(directory)) {
        *error = u"cannot create the folder %1"_s.arg(directory);
        return false;
    }
    return writeFile(folder.filePath(QLatin1String(SkillFolder::boundsFile)), boundsYaml(skill), error)
        && writeFile(skillPath, skillMarkdown(skill), error);
}

} // namespace delegate
