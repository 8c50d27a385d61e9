// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchplanmodel.h"

#include <QColor>

namespace delegate::ui {

using namespace Qt::StringLiterals;

namespace {

QString verdictWord(const PlannedTask &planned)
{
    if (!planned.ok())
        return QObject::tr("no task");
    switch (planned.lint.verdict) {
    case LintVerdict::Bounded:
        return QObject::tr("✓ bounded");
    case LintVerdict::PartiallyBounded:
        return QObject::tr("◐ partially bounded");
    case LintVerdict::Unbounded:
        return QObject::tr("✗ unbounded");
    }
    return {};
}

QColor verdictColor(const PlannedTask &planned)
{
    if (!planned.ok() || planned.lint.verdict == LintVerdict::Unbounded)
        return QColor(0xc6, 0x28, 0x28);
    if (planned.lint.verdict == LintVerdict::PartiallyBounded)
        return QColor(0xb2, 0x6a, 0x00);
    return QColor(0x2e, 0x7d, 0x32);
}

QString lintTooltip(const PlannedTask &planned)
{
    if (!planned.ok())
        return planned.error;
    QStringList lines { planned.lint.summary };
    for (const LintFinding &finding : planned.lint.findings) {
        if (finding.severity != LintSeverity::Info)
            lines.append(u"• "_s + finding.problem + u" "_s + finding.fix);
    }
    return lines.join(u'\n');
}

} // namespace

BatchPlanModel::BatchPlanModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void BatchPlanModel::setPlan(BatchPlan plan)
{
    beginResetModel();
    m_plan = std::move(plan);
    endResetModel();
}

int BatchPlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.tasks().size());
}

int BatchPlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchPlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlannedTask &planned = m_plan.tasks().at(index.row());
    if (role == OkRole)
        return planned.ok();
    if (role == VerdictRole)
        return planned.ok() ? enumToString(planned.lint.verdict) : u"error"_s;
    if (role == Qt::ForegroundRole && index.column() == VerdictColumn)
        return verdictColor(planned);
    if (role == Qt::ToolTipRole)
        return index.column() == VerdictColumn || !planned.ok() ? lintTooltip(planned)
                                                                : data(index).toString();
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case LineColumn:
        return planned.line;
    case VerdictColumn:
        return verdictWord(planned);
    case TitleColumn:
        return planned.ok() ? planned.task->title : planned.error;
    case RepositoryColumn:
        return planned.ok() ? planned.task->scope.repository : QString();
    case ParametersColumn: {
        QStringList parts;
        for (auto it = planned.values.cbegin(); it != planned.values.cend(); ++it)
            if (it.key() != "repository"_L1) // it has its own column
                parts.append(it.key() + u'=' + it.value().simplified());
        return parts.join(u"  "_s);
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant BatchPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case LineColumn:
        return tr("Line");
    case VerdictColumn:
        return tr("Lint");
    case TitleColumn:
        return tr("Task");
    case RepositoryColumn:
        return tr("Repository");
    case ParametersColumn:
        return tr("Parameters");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace delegate::ui
