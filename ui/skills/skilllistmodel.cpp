// SPDX-License-Identifier: GPL-3.0-or-later
#include "skilllistmodel.h"

namespace delegate::ui {

SkillListModel::SkillListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void SkillListModel::reload(const SkillLibrary &library, SourceErrors *problems)
{
    beginResetModel();
    m_entries = library.list(problems);
    endResetModel();
}

int SkillListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).name == name)
            return row;
    }
    return -1;
}

int SkillListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant SkillListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SkillEntry &entry = m_entries.at(index.row());
    const bool builtIn = entry.origin == SkillOrigin::BuiltIn;
    switch (role) {
    case Qt::DisplayRole:
        return builtIn ? entry.name : tr("%1 (yours)").arg(entry.name);
    case Qt::ToolTipRole:
    case DescriptionRole:
        return entry.description;
    case NameRole:
        return entry.name;
    case FolderRole:
        return entry.folder;
    case IsBuiltInRole:
        return builtIn;
    case SearchTextRole:
        return QString(entry.name + u' ' + entry.description);
    default:
        return {};
    }
}

} // namespace delegate::ui
