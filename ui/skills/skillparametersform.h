// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skill.h"

#include <QMap>
#include <QWidget>

class QFormLayout;
class QLineEdit;

namespace delegate::ui {

// A form generated from a skill's parameters: one field each, the default
// as placeholder, the description as tooltip and hint, required ones
// marked. Parameters named in `hidden` (the one a batch's targets fill) are
// left out.
class SkillParametersForm final : public QWidget
{
    Q_OBJECT

public:
    explicit SkillParametersForm(QWidget *parent = nullptr);

    void setSkill(const Skill &skill, const QStringList &hidden = {});
    // The values typed, without empty fields (the skill's defaults apply).
    QMap<QString, QString> values() const;
    void setValue(const QString &name, const QString &value);
    // Empty when every required field is filled; otherwise what is missing.
    // Missing fields are marked.
    QString validate();
    QLineEdit *field(const QString &name) const { return m_fields.value(name); }

Q_SIGNALS:
    void edited();

private:
    QFormLayout *m_layout;
    QList<SkillParameter> m_parameters;
    QMap<QString, QLineEdit *> m_fields;
};

} // namespace delegate::ui
