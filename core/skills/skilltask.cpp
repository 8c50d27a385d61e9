// SPDX-License-Identifier: GPL-3.0-or-later
#include "skilltask.h"

#include "agents/playbook/playbookruntime.h"

#include <algorithm>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

// Expands every text of a list in place; false at the first unknown name.
// A line left empty by an optional parameter with no value goes: "verify:
// [{{reproduce_command}}]" means no verify command when none is given.
bool expandAll(QStringList &texts, const QMap<QString, QString> &values, QString *error)
{
    QStringList expandedTexts;
    for (const QString &text : std::as_const(texts)) {
        const std::optional<QString> expanded = PlaybookRuntime::expand(text, values, error);
        if (!expanded)
            return false;
        if (text.trimmed().isEmpty() || !expanded->trimmed().isEmpty())
            expandedTexts.append(*expanded);
    }
    texts = expandedTexts;
    return true;
}

bool expandOne(QString &text, const QMap<QString, QString> &values, QString *error)
{
    const std::optional<QString> expanded = PlaybookRuntime::expand(text, values, error);
    if (expanded)
        text = *expanded;
    return expanded.has_value();
}

QString firstSet(const QString &preferred, const QString &fallback)
{
    return preferred.isEmpty() ? fallback : preferred;
}

template<typename T> QList<T> joined(const QList<T> &first, const QList<T> &then)
{
    QList<T> all = first;
    for (const T &item : then) {
        if (!all.contains(item))
            all.append(item);
    }
    return all;
}

template<typename T>
std::optional<T> firstSet(const std::optional<T> &preferred, const std::optional<T> &fallback)
{
    return preferred ? preferred : fallback;
}

} // namespace

std::optional<QMap<QString, QString>> SkillTask::resolve(const Skill &skill,
                                                         const QMap<QString, QString> &values, QString *error)
{
    QMap<QString, QString> resolved;
    QStringList names;
    for (const SkillParameter &parameter : skill.parameters) {
        names.append(parameter.name);
        const QString value = values.value(parameter.name, parameter.defaultValue);
        if (value.isEmpty() && parameter.required) {
            *error = u"the skill %1 needs a value for its parameter '%2' (%3)"_s.arg(
                skill.name, parameter.name, parameter.description);
            return std::nullopt;
        }
        resolved.insert(parameter.name, value);
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!resolved.contains(it.key())) {
            *error = u"the skill %1 has no parameter '%2'; it takes: %3"_s.arg(
                skill.name, it.key(), names.isEmpty() ? u"none"_s : names.join(u", "_s));
            return std::nullopt;
        }
    }
    return resolved;
}

TaskSpec SkillTask::overTemplate(const TaskSpec &templateTask, const TaskSpec &task)
{
    TaskSpec merged = task;
    merged.title = firstSet(task.title, templateTask.title);
    merged.objective = task.objective.trimmed().isEmpty() ? templateTask.objective : task.objective;
    merged.scope.repository = firstSet(task.scope.repository, templateTask.scope.repository);
    merged.scope.baseRef = firstSet(task.scope.baseRef, templateTask.scope.baseRef);
    if (merged.scope.include.isEmpty())
        merged.scope.include = templateTask.scope.include;
    if (merged.scope.exclude.isEmpty())
        merged.scope.exclude = templateTask.scope.exclude;
    merged.context = joined(templateTask.context, task.context);
    merged.constraints = joined(templateTask.constraints, task.constraints);
    if (!merged.expectedArtifact.kind)
        merged.expectedArtifact.kind = templateTask.expectedArtifact.kind;
    merged.expectedArtifact.description =
        firstSet(task.expectedArtifact.description, templateTask.expectedArtifact.description);
    merged.acceptanceCriteria = joined(templateTask.acceptanceCriteria, task.acceptanceCriteria);
    merged.verifyCommands = joined(templateTask.verifyCommands, task.verifyCommands);
    if (merged.checkpointPolicy == CheckpointPolicy::None)
        merged.checkpointPolicy = templateTask.checkpointPolicy;
    merged.limits.wallTime = firstSet(task.limits.wallTime, templateTask.limits.wallTime);
    merged.limits.steps = firstSet(task.limits.steps, templateTask.limits.steps);
    merged.limits.tokens = firstSet(task.limits.tokens, templateTask.limits.tokens);
    merged.limits.costUsd = firstSet(task.limits.costUsd, templateTask.limits.costUsd);
    merged.environment = firstSet(task.environment, templateTask.environment);
    if (merged.agent == AgentSpec {})
        merged.agent = templateTask.agent;
    if (merged.attempts == 1)
        merged.attempts = templateTask.attempts;
    return merged;
}

std::optional<TaskSpec> SkillTask::make(const Skill &skill, const TaskSpec &base,
                                        const QMap<QString, QString> &values, QString *error)
{
    if (!base.skill.name.isEmpty() && base.skill.name != skill.name) {
        *error = u"the task names the skill %1, but the skill folder given is %2"_s.arg(base.skill.name,
                                                                                        skill.name);
        return std::nullopt;
    }
    // The template's own values count, under the ones given.
    QMap<QString, QString> given = base.skill.parameters;
    given.insert(values);
    // A skill that takes its repository as a parameter gets the one the task names.
    const auto takes = [&skill](const QString &name) {
        return std::any_of(skill.parameters.cbegin(), skill.parameters.cend(),
                           [&name](const SkillParameter &parameter) { return parameter.name == name; });
    };
    if (!given.contains(u"repository"_s) && !base.scope.repository.isEmpty() && takes(u"repository"_s))
        given.insert(u"repository"_s, base.scope.repository);
    if (!given.contains(u"base_ref"_s) && !base.scope.baseRef.isEmpty() && takes(u"base_ref"_s))
        given.insert(u"base_ref"_s, base.scope.baseRef);
    const std::optional<QMap<QString, QString>> resolved = resolve(skill, given, error);
    if (!resolved)
        return std::nullopt;

    TaskSpec task = skill.task ? overTemplate(*skill.task, base) : base;
    task.skill.name = skill.name;
    task.skill.parameters = *resolved;
    if (!expandOne(task.title, *resolved, error) || !expandOne(task.objective, *resolved, error)
        || !expandOne(task.scope.repository, *resolved, error)
        || !expandOne(task.scope.baseRef, *resolved, error)
        || !expandAll(task.scope.include, *resolved, error)
        || !expandAll(task.scope.exclude, *resolved, error) || !expandAll(task.constraints, *resolved, error)
        || !expandAll(task.acceptanceCriteria, *resolved, error)
        || !expandAll(task.verifyCommands, *resolved, error)
        || !expandOne(task.expectedArtifact.description, *resolved, error))
        return std::nullopt;
    QList<ContextItem> context;
    for (ContextItem item : std::as_const(task.context)) {
        if (!expandOne(item.value, *resolved, error) || !expandOne(item.label, *resolved, error))
            return std::nullopt;
        if (!item.value.trimmed().isEmpty())
            context.append(item);
    }
    task.context = context;

    if (!task.expectedArtifact.kind) {
        task.expectedArtifact.kind = skill.expectedArtifact.kind;
        if (task.expectedArtifact.description.isEmpty()) {
            task.expectedArtifact.description = skill.expectedArtifact.description;
            if (!expandOne(task.expectedArtifact.description, *resolved, error))
                return std::nullopt;
        }
    }
    if (task.checkpointPolicy == CheckpointPolicy::None)
        task.checkpointPolicy = skill.checkpointPolicy;
    QStringList verify = skill.verifyCommands;
    if (!expandAll(verify, *resolved, error))
        return std::nullopt;
    for (const QString &command : std::as_const(verify)) {
        if (!task.verifyCommands.contains(command))
            task.verifyCommands.append(command);
    }

    // A pasted issue or bug report fills a title too; keep it one line.
    task.title = task.title.simplified().left(120);
    QStringList shown;
    for (const SkillParameter &parameter : skill.parameters) {
        if (given.contains(parameter.name))
            shown.append(given.value(parameter.name));
    }
    if (task.title.isEmpty())
        task.title = (shown.isEmpty() ? skill.name : skill.name + u": "_s + shown.join(u", "_s)).left(120);
    if (task.objective.trimmed().isEmpty()) {
        QStringList settings;
        for (auto it = resolved->cbegin(); it != resolved->cend(); ++it)
            settings.append(it.key() + u" = "_s + it.value());
        task.objective = u"Carry out the skill %1: %2"_s.arg(skill.name, skill.description);
        if (!settings.isEmpty())
            task.objective += u"\n\nParameters: "_s + settings.join(u"; "_s) + u'.';
    }
    if (!skill.playbook.isEmpty() && task.agent == AgentSpec {})
        task.agent.runtime = AgentSpec::Runtime::Playbook;
    return task;
}

} // namespace delegate
