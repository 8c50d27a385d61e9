// SPDX-License-Identifier: GPL-3.0-or-later
#include "capabilityneeds.h"

#include "agents/cli/cliagentprofile.h"
#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

// Words a shell runs itself: they name no program on PATH.
bool isShellWord(const QString &word)
{
    static const QSet<QString> words = {
        u"cd"_s,    u"export"_s, u"set"_s,  u"unset"_s, u"test"_s,   u"["_s,      u"[["_s,     u"true"_s,
        u"false"_s, u"echo"_s,   u"exit"_s, u":"_s,     u"."_s,      u"source"_s, u"eval"_s,   u"exec"_s,
        u"read"_s,  u"wait"_s,   u"trap"_s, u"shift"_s, u"return"_s, u"if"_s,     u"then"_s,   u"else"_s,
        u"elif"_s,  u"fi"_s,     u"for"_s,  u"while"_s, u"until"_s,  u"do"_s,     u"done"_s,   u"case"_s,
        u"esac"_s,  u"!"_s,      u"time"_s, u"sh"_s,    u"printf"_s, u"umask"_s,  u"ulimit"_s,
    };
    return words.contains(word);
}

bool isAssignment(const QString &word)
{
    static const QRegularExpression assignment(u"^[A-Za-z_][A-Za-z0-9_]*="_s);
    return assignment.match(word).hasMatch();
}

QJsonArray needsJson(const QList<CapabilityNeed> &needs)
{
    QJsonArray array;
    for (const CapabilityNeed &need : needs)
        array.append(QJsonObject { { QLatin1String("item"), need.item },
                                   { QLatin1String("reasons"), QJsonArray::fromStringList(need.reasons) } });
    return array;
}

void addNeed(QList<CapabilityNeed> &needs, const QString &item, const QString &reason)
{
    for (CapabilityNeed &need : needs) {
        if (need.item == item) {
            if (!need.reasons.contains(reason))
                need.reasons.append(reason);
            return;
        }
    }
    needs.append(CapabilityNeed { item, { reason } });
}

void needCommand(CapabilityNeeds &needs, const QString &command, const QString &what)
{
    const QString reason = u"%1 `%2`"_s.arg(what, command);
    needs.needRead(u"%1 runs in the checkout"_s.arg(reason));
    const QStringList programs = CapabilityNeeds::programsOf(command);
    for (const QString &program : programs)
        needs.needTool(program, reason);
    needs.addWords(command);
}

void needCliAgent(CapabilityNeeds &needs, AgentSpec::Runtime runtime)
{
    const std::optional<CliAgentProfile> profile = CliAgentProfile::forRuntime(runtime);
    if (!profile)
        return; // the built-in agent and playbooks run outside the sandbox
    const QString agent = u"agent.runtime: %1 runs %2"_s.arg(enumToString(runtime), profile->displayName);
    needs.needTool(profile->executable, u"%1 inside the sandbox"_s.arg(agent));
    needs.needSecret(profile->credentialVariables, u"%1, which authenticates with it"_s.arg(agent));
    for (const QString &host : profile->providerHosts)
        needs.needHost(host, u"%1, which talks to its provider there"_s.arg(agent));
}

// A skill's commands are templates: {{test_command}} becomes the task's
// parameter, or the skill's default. What stays unresolved names no program.
QString expanded(QString command, const Skill &skill, const QMap<QString, QString> &arguments)
{
    for (const SkillParameter &parameter : skill.parameters) {
        const QString value = arguments.value(parameter.name, parameter.defaultValue);
        if (!value.isEmpty())
            command.replace(u"{{"_s + parameter.name + u"}}"_s, value);
    }
    return command;
}

void needSkill(CapabilityNeeds &needs, const Skill &skill, const TaskSpec &task)
{
    const bool taskSetsArtifact = task.expectedArtifact.kind.has_value();
    const QString requiredBy = u"skill `%1` requires it"_s.arg(skill.name);
    const Capabilities &required = skill.requiredCapabilities;
    if (required.repository == Capabilities::RepositoryAccess::Write)
        needs.needWrite(requiredBy);
    else if (required.repository == Capabilities::RepositoryAccess::Read)
        needs.needRead(requiredBy);
    switch (required.network.mode) {
    case NetworkAccess::Mode::None:
        break;
    case NetworkAccess::Mode::Allowlist:
        for (const QString &host : required.network.hosts)
            needs.needHost(host, requiredBy);
        break;
    case NetworkAccess::Mode::Full:
        needs.fullNetworkReasons.append(requiredBy);
        break;
    }
    for (const QString &tool : required.tools)
        needs.needTool(tool, requiredBy);
    for (const Mount &mount : required.mounts)
        needs.needMount(mount, requiredBy);
    for (const QString &secret : required.secrets)
        needs.needSecret({ secret }, requiredBy);

    if (!taskSetsArtifact && skill.expectedArtifact.kind == ArtifactKind::Patch)
        needs.needWrite(u"skill `%1` returns a patch"_s.arg(skill.name));
    for (const QString &command : skill.verifyCommands)
        needCommand(needs, expanded(command, skill, task.skill.parameters),
                    u"skill `%1` verify command"_s.arg(skill.name));
    for (const PlaybookStep &step : skill.playbook)
        needCommand(needs, expanded(step.command, skill, task.skill.parameters),
                    u"skill `%1` playbook step"_s.arg(skill.name));
    needs.addWords(skill.description);
    needs.addWords(skill.instructions);
}

} // namespace

Capabilities::RepositoryAccess CapabilityNeeds::repository() const
{
    if (!writeReasons.isEmpty())
        return Capabilities::RepositoryAccess::Write;
    if (!readReasons.isEmpty())
        return Capabilities::RepositoryAccess::Read;
    return Capabilities::RepositoryAccess::None;
}

void CapabilityNeeds::needTool(const QString &tool, const QString &reason)
{
    addNeed(tools, tool, reason);
}

void CapabilityNeeds::needHost(const QString &host, const QString &reason)
{
    addNeed(hosts, host.toLower(), reason);
}

void CapabilityNeeds::needSecret(const QStringList &anyOf, const QString &reason)
{
    for (const SecretNeed &need : std::as_const(secrets)) {
        if (need.anyOf == anyOf)
            return;
    }
    secrets.append(SecretNeed { anyOf, reason });
}

void CapabilityNeeds::needMount(const Mount &mount, const QString &reason)
{
    if (mounts.contains(mount))
        return;
    mounts.append(mount);
    mountReasons.append(reason);
}

void CapabilityNeeds::addWords(const QString &text)
{
    static const QRegularExpression word(u"[A-Za-z0-9_][A-Za-z0-9_.+-]*"_s);
    QRegularExpressionMatchIterator it = word.globalMatch(text);
    while (it.hasNext()) {
        QString found = it.next().captured().toLower();
        // Sentence punctuation is not part of a name: "with jq." names jq.
        while (found.endsWith(u'.') || found.endsWith(u'-'))
            found.chop(1);
        if (!found.isEmpty())
            words.insert(found);
    }
}

CapabilityNeeds CapabilityNeeds::of(const TaskSpec &task, const Skill *skill)
{
    CapabilityNeeds needs;
    if (!task.scope.repository.isEmpty())
        needs.needRead(u"it works on the repository `%1` (scope.repository)"_s.arg(task.scope.repository));
    else if (!task.scope.include.isEmpty())
        needs.needRead(u"its scope names paths in the repository (scope.include)"_s);
    if (task.expectedArtifact.kind == ArtifactKind::Patch)
        needs.needWrite(u"it returns a patch (expected_artifact.kind: patch)"_s);

    for (qsizetype i = 0; i < task.context.size(); ++i) {
        const ContextItem &item = task.context.at(i);
        const QString name = item.label.isEmpty() ? item.value : item.label;
        switch (item.kind) {
        case ContextItem::Kind::File:
            needs.needRead(u"context file `%1` is in the repository"_s.arg(item.value));
            break;
        case ContextItem::Kind::Url: {
            const QUrl url(item.value);
            if (!url.host().isEmpty())
                needs.needHost(url.host(), u"context `%1` is at %2"_s.arg(name, url.toDisplayString()));
            break;
        }
        case ContextItem::Kind::Text:
            needs.addWords(item.value);
            break;
        }
        needs.addWords(item.label);
    }
    for (const QString &command : task.verifyCommands)
        needCommand(needs, command, u"verify command"_s);
    needCliAgent(needs, task.agent.runtime);
    if (skill)
        needSkill(needs, *skill, task);

    needs.addWords(task.title);
    needs.addWords(task.objective);
    for (const QString &text : task.constraints)
        needs.addWords(text);
    for (const QString &text : task.acceptanceCriteria)
        needs.addWords(text);
    needs.addWords(task.expectedArtifact.description);
    return needs;
}

QStringList CapabilityNeeds::programsOf(const QString &command)
{
    static const QRegularExpression separators(u"&&|\\|\\||[;|&\\n()`]|\\$\\("_s);
    QStringList programs;
    const QStringList segments = command.split(separators, Qt::SkipEmptyParts);
    for (const QString &segment : segments) {
        QStringList words = segment.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
        while (!words.isEmpty()
               && (isAssignment(words.constFirst()) || words.constFirst() == QLatin1String("env")))
            words.removeFirst();
        if (words.isEmpty())
            continue;
        const QString &program = words.constFirst();
        if (program.contains(u'/') || program.startsWith(u'$') || program.startsWith(u'-')
            || program.startsWith(u'{') || isShellWord(program) || programs.contains(program))
            continue;
        programs.append(program);
    }
    return programs;
}

QJsonObject CapabilityNeeds::toJson() const
{
    QJsonArray secretArray;
    for (const SecretNeed &need : secrets)
        secretArray.append(QJsonObject { { QLatin1String("any_of"), QJsonArray::fromStringList(need.anyOf) },
                                         { QLatin1String("reason"), need.reason } });
    QJsonArray mountArray;
    for (qsizetype i = 0; i < mounts.size(); ++i) {
        QJsonObject mount = mounts.at(i).toJson();
        mount.insert(QLatin1String("reason"), mountReasons.value(i));
        mountArray.append(mount);
    }
    QJsonObject network { { QLatin1String("hosts"), needsJson(hosts) } };
    if (!fullNetworkReasons.isEmpty())
        network.insert(QLatin1String("full"), QJsonArray::fromStringList(fullNetworkReasons));
    return {
        { QLatin1String("repository"),
          QJsonObject { { QLatin1String("access"), enumToString(repository()) },
                        { QLatin1String("read"), QJsonArray::fromStringList(readReasons) },
                        { QLatin1String("write"), QJsonArray::fromStringList(writeReasons) } } },
        { QLatin1String("network"), network },
        { QLatin1String("tools"), needsJson(tools) },
        { QLatin1String("secrets"), secretArray },
        { QLatin1String("mounts"), mountArray },
    };
}

} // namespace delegate
