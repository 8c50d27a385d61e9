// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "batchtargets.h"

#include "domain/skill.h"
#include "domain/taskspec.h"
#include "policy/lintreport.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace delegate {

// One task of a batch: the target it came from, and either the task with the
// lint's judgement of it or what kept the target from becoming a task.
struct PlannedTask
{
    int line = 0; // the target's line in its list, from 1
    QMap<QString, QString> values; // what the target filled, with the shared values
    std::optional<TaskSpec> task;
    LintReport lint;
    QString error; // set when task is not

    bool ok() const { return task.has_value(); }
};

// One skill over many targets: the N tasks a batch submits, each judged by
// the bounded-task lint before anything is sent. The CLI's batch command
// and the GUI's batch page both plan with it, so they make the same tasks.
class BatchPlan final
{
public:
    struct Input
    {
        TaskSpec base; // a task template; its environment names the batch's
        QMap<QString, QString> shared; // parameter values for every target
        QList<BatchTarget> targets;
        // Relative repository paths are read from here: targetsFolder when a
        // target names the repository, baseFolder when the template does.
        QString baseFolder;
        QString targetsFolder;
    };

    // Targets columns that set the task's scope when the skill takes no such parameter.
    static const QStringList &scopeKeys();
    // The parameter a plain targets line fills when none is named: the
    // skill's first required parameter not given, else its first not given.
    static QString defaultTargetParameter(const Skill &skill, const QMap<QString, QString> &given);

    static BatchPlan make(const Skill &skill, const Input &input);

    const QList<PlannedTask> &tasks() const { return m_tasks; }
    // The tasks that were made, in target order.
    QList<TaskSpec> madeTasks() const;
    // The first target that could not become a task, or nullptr.
    const PlannedTask *firstFailure() const;
    int count(LintVerdict verdict) const;

private:
    QList<PlannedTask> m_tasks;
};

} // namespace delegate
