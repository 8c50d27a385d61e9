// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "domain/taskspec.h"
#include "policy/alignmentreport.h"

#include <QWidget>

#include <optional>

class QLabel;
class QVBoxLayout;

namespace delegate::ui {

// Least privilege, live: what the task being composed needs that the
// environment does not grant (missing) and what it grants that the task does
// not use (excess), each with a one-click fix. A fix changes the environment
// and emits environmentChanged(); the owner decides whether to save it.
class AlignmentPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit AlignmentPanel(QWidget *parent = nullptr);

    void setTask(const TaskSpec &task);
    void clearTask();
    void setEnvironment(const EnvironmentProfile &environment);

    bool hasTask() const { return m_task.has_value(); }
    const EnvironmentProfile &environment() const { return m_environment; }
    // The current judgement; empty findings without a task.
    const AlignmentReport &report() const { return m_report; }

    // Applies the fix of the finding at `index` in report().findings, as its
    // button does. False with no change when it cannot be applied.
    bool applyFix(int index);

Q_SIGNALS:
    void environmentChanged(const delegate::EnvironmentProfile &environment);

private:
    void recheck();
    void rebuild();
    QWidget *findingRow(int index, const AlignmentFinding &finding);

    std::optional<TaskSpec> m_task;
    EnvironmentProfile m_environment;
    AlignmentReport m_report;
    QLabel *m_verdict;
    QLabel *m_error;
    QVBoxLayout *m_findings;
};

} // namespace delegate::ui
