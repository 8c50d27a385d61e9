// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillreferenceeditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QTableWidget>

using namespace Qt::StringLiterals;

namespace delegate::ui {

SkillReferenceEditor::SkillReferenceEditor(QWidget *parent)
    : QWidget(parent)
    , m_name(new QComboBox(this))
    , m_parameters(new QTableWidget(0, 2, this))
{
    m_name->setObjectName(u"skillName"_s);
    m_name->setEditable(true);
    m_name->setInsertPolicy(QComboBox::NoInsert);
    m_name->lineEdit()->setPlaceholderText(tr("None: the task is written out in full"));
    m_parameters->setObjectName(u"skillParameters"_s);
    m_parameters->setHorizontalHeaderLabels({ tr("Parameter"), tr("Value") });
    m_parameters->horizontalHeader()->setStretchLastSection(true);
    m_parameters->verticalHeader()->setVisible(false);
    m_parameters->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_parameters->setToolTip(tr("Type a name and a value; the empty last row adds a parameter"));
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("Name"), m_name);
    layout->addRow(tr("Parameters"), m_parameters);
    connect(m_name, &QComboBox::currentTextChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
    connect(m_parameters, &QTableWidget::itemChanged, this, [this] {
        if (m_filling)
            return;
        keepOneEmptyRow();
        Q_EMIT changed();
    });
    keepOneEmptyRow();
}

void SkillReferenceEditor::setSkillNames(const QStringList &names)
{
    const QScopedValueRollback filling(m_filling, true);
    const QString current = m_name->currentText();
    m_name->clear();
    m_name->addItems(names);
    m_name->setCurrentText(current);
}

QLineEdit *SkillReferenceEditor::nameEdit() const
{
    return m_name->lineEdit();
}

SkillReference SkillReferenceEditor::skill() const
{
    SkillReference skill;
    skill.name = m_name->currentText();
    for (int row = 0; row < m_parameters->rowCount(); ++row) {
        const QTableWidgetItem *name = m_parameters->item(row, 0);
        const QTableWidgetItem *value = m_parameters->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            skill.parameters.insert(name->text().trimmed(), value ? value->text() : QString());
    }
    return skill;
}

void SkillReferenceEditor::setSkill(const SkillReference &skill)
{
    if (skill == this->skill())
        return;
    const QScopedValueRollback filling(m_filling, true);
    if (m_name->currentText() != skill.name)
        m_name->setCurrentText(skill.name);
    m_parameters->setRowCount(0);
    for (auto it = skill.parameters.cbegin(); it != skill.parameters.cend(); ++it) {
        const int row = m_parameters->rowCount();
        m_parameters->insertRow(row);
        m_parameters->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_parameters->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    keepOneEmptyRow();
}

// The last row is always empty, so there is always a place to add one;
// rows emptied by the user go away.
void SkillReferenceEditor::keepOneEmptyRow()
{
    const QScopedValueRollback filling(m_filling, true);
    const auto isEmptyRow = [this](int row) {
        for (int column = 0; column < 2; ++column) {
            const QTableWidgetItem *item = m_parameters->item(row, column);
            if (item && !item->text().isEmpty())
                return false;
        }
        return true;
    };
    for (int row = m_parameters->rowCount() - 2; row >= 0; --row) {
        if (isEmptyRow(row) && m_parameters->currentRow() != row)
            m_parameters->removeRow(row);
    }
    if (m_parameters->rowCount() == 0 || !isEmptyRow(m_parameters->rowCount() - 1))
        m_parameters->insertRow(m_parameters->rowCount());
    fitHeight();
}

void SkillReferenceEditor::fitHeight()
{
    int height = m_parameters->horizontalHeader()->height() + 2 * m_parameters->frameWidth();
    for (int row = 0; row < m_parameters->rowCount(); ++row)
        height += m_parameters->rowHeight(row);
    m_parameters->setFixedHeight(height + 2);
}

} // namespace delegate::ui
