// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skillreference.h"

#include <QWidget>

class QLineEdit;
class QTableWidget;

namespace delegate::ui {

// The skill a task runs from, by name, and the values of its parameters
// (one row per parameter; an empty name row is ignored).
class SkillReferenceEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit SkillReferenceEditor(QWidget *parent = nullptr);

    SkillReference skill() const;
    // Replaces the skill without emitting changed().
    void setSkill(const SkillReference &skill);

    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *parametersTable() const { return m_parameters; }

Q_SIGNALS:
    void changed();

private:
    void keepOneEmptyRow();
    void fitHeight();

    QLineEdit *m_name;
    QTableWidget *m_parameters;
    bool m_filling = false;
};

} // namespace delegate::ui
