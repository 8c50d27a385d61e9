// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillparametersform.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace delegate::ui {

using namespace Qt::StringLiterals;

SkillParametersForm::SkillParametersForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
}

void SkillParametersForm::setSkill(const Skill &skill, const QStringList &hidden)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
    m_parameters.clear();
    for (const SkillParameter &parameter : skill.parameters) {
        if (hidden.contains(parameter.name))
            continue;
        m_parameters.append(parameter);
        auto *field = new QLineEdit(this);
        field->setObjectName(u"parameter-"_s + parameter.name);
        field->setPlaceholderText(parameter.defaultValue.isEmpty()
                                      ? (parameter.required ? tr("required") : tr("optional"))
                                      : tr("default: %1").arg(parameter.defaultValue));
        field->setToolTip(parameter.description);
        connect(field, &QLineEdit::textEdited, this, [this, field] {
            field->setStyleSheet({});
            Q_EMIT edited();
        });
        auto *label = new QLabel(parameter.required ? parameter.name + u" *"_s : parameter.name, this);
        label->setBuddy(field);
        label->setToolTip(parameter.description);
        m_layout->addRow(label, field);
        m_fields.insert(parameter.name, field);
    }
    if (m_parameters.isEmpty())
        m_layout->addRow(new QLabel(tr("This skill takes no parameters."), this));
}

QMap<QString, QString> SkillParametersForm::values() const
{
    QMap<QString, QString> values;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString value = it.value()->text().trimmed();
        if (!value.isEmpty())
            values.insert(it.key(), value);
    }
    return values;
}

void SkillParametersForm::setValue(const QString &name, const QString &value)
{
    if (QLineEdit *field = m_fields.value(name))
        field->setText(value);
}

QString SkillParametersForm::validate()
{
    QStringList missing;
    for (const SkillParameter &parameter : std::as_const(m_parameters)) {
        QLineEdit *field = m_fields.value(parameter.name);
        const bool empty = field->text().trimmed().isEmpty() && parameter.defaultValue.isEmpty();
        if (parameter.required && empty) {
            missing.append(parameter.name);
            // The palette's own error colour would be lost in the style; a border is enough.
            field->setStyleSheet(u"QLineEdit { border: 1px solid #c62828; }"_s);
        }
    }
    if (missing.isEmpty())
        return {};
    return tr("Fill in %1: the skill needs a value for each field marked *.").arg(missing.join(u", "_s));
}

} // namespace delegate::ui
