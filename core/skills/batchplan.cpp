// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchplan.h"

#include "skilltask.h"

#include "domain/repositorypath.h"
#include "policy/boundedtasklint.h"

#include <algorithm>

namespace delegate {

using namespace Qt::StringLiterals;

namespace {

bool takesParameter(const Skill &skill, const QString &name)
{
    return std::any_of(skill.parameters.cbegin(), skill.parameters.cend(),
                       [&](const SkillParameter &parameter) { return parameter.name == name; });
}

} // namespace

const QStringList &BatchPlan::scopeKeys()
{
    static const QStringList keys { u"repository"_s, u"base_ref"_s };
    return keys;
}

QString BatchPlan::defaultTargetParameter(const Skill &skill, const QMap<QString, QString> &given)
{
    for (const SkillParameter &parameter : skill.parameters) {
        if (parameter.required && !given.contains(parameter.name))
            return parameter.name;
    }
    for (const SkillParameter &parameter : skill.parameters) {
        if (!given.contains(parameter.name))
            return parameter.name;
    }
    return {};
}

BatchPlan BatchPlan::make(const Skill &skill, const Input &input)
{
    BatchPlan plan;
    const BoundedTaskLint lint;
    for (const BatchTarget &target : input.targets) {
        PlannedTask planned;
        planned.line = target.line;
        QMap<QString, QString> values = input.shared;
        values.insert(target.values);
        TaskSpec base = input.base;
        QString folder = input.baseFolder;
        // A target may name where the work happens rather than a value of the skill.
        for (const QString &scopeKey : scopeKeys()) {
            if (!values.contains(scopeKey) || takesParameter(skill, scopeKey))
                continue;
            const QString value = values.take(scopeKey);
            if (scopeKey == "repository"_L1) {
                base.scope.repository = value;
                if (target.values.contains(scopeKey))
                    folder = input.targetsFolder;
            } else {
                base.scope.baseRef = value;
            }
        }
        planned.values = values;
        std::optional<TaskSpec> made = SkillTask::make(skill, base, values, &planned.error);
        if (made) {
            // A repository that came in as a parameter is read from the targets.
            if (takesParameter(skill, u"repository"_s) && target.values.contains(u"repository"_s))
                folder = input.targetsFolder;
            made->scope.repository = RepositoryPath::resolve(made->scope.repository, folder);
            planned.lint = lint.lint(*made);
            planned.task = std::move(made);
        }
        plan.m_tasks.append(planned);
    }
    return plan;
}

QList<TaskSpec> BatchPlan::madeTasks() const
{
    QList<TaskSpec> made;
    for (const PlannedTask &planned : m_tasks) {
        if (planned.task)
            made.append(*planned.task);
    }
    return made;
}

const PlannedTask *BatchPlan::firstFailure() const
{
    for (const PlannedTask &planned : m_tasks) {
        if (!planned.ok())
            return &planned;
    }
    return nullptr;
}

int BatchPlan::count(LintVerdict verdict) const
{
    return int(std::count_if(m_tasks.cbegin(), m_tasks.cend(), [verdict](const PlannedTask &planned) {
        return planned.ok() && planned.lint.verdict == verdict;
    }));
}

} // namespace delegate
