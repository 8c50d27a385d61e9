// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skillreference.h"

#include <QWidget>

class QComboBox;
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

    // The skills to pick from; any other name can be typed.
    void setSkillNames(const QStringList &names);
    QLineEdit *nameEdit() const;
    QTableWidget *parametersTable() const { return m_parameters; }

Q_SIGNALS:
    void changed();

private:
    void keepOneEmptyRow();
    void fitHeight();

    QComboBox *m_name;
    QTableWidget *m_parameters;
    bool m_filling = false;
};

} // namespace delegate::ui
