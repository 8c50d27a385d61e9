// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/tasklimits.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;

namespace delegate::ui {

// What one run may spend, written as in task files: wall time as 30m or
// 1h30m, steps as a whole number, tokens as 200k, cost in US dollars. An
// empty field is no limit. Text that does not read as a limit stays in its
// field, marked, with what to write instead.
class LimitsEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit LimitsEditor(QWidget *parent = nullptr);

    // The limits that read; a field that does not read counts as unset.
    TaskLimits limits() const;
    // Replaces the limits without emitting changed().
    void setLimits(const TaskLimits &limits);
    // "limits.wall_time: …" for each field that does not read.
    QStringList problems() const;

    QLineEdit *wallTimeEdit() const { return m_wallTime; }
    QLineEdit *stepsEdit() const { return m_steps; }
    QLineEdit *tokensEdit() const { return m_tokens; }
    QLineEdit *costEdit() const { return m_cost; }

Q_SIGNALS:
    void changed();

private:
    void showProblems();

    QLineEdit *m_wallTime;
    QLineEdit *m_steps;
    QLineEdit *m_tokens;
    QLineEdit *m_cost;
    QLabel *m_problems;
};

} // namespace delegate::ui
