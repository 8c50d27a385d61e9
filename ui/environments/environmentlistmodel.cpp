// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentlistmodel.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace delegate::ui {

EnvironmentListModel::EnvironmentListModel(EnvironmentLibrary library, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(std::move(library))
    , m_names(m_library.names())
{ }

int EnvironmentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

QVariant EnvironmentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &name = m_names.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return m_library.isExample(name) ? tr("%1  (example)").arg(name) : name;
    case Qt::ToolTipRole:
        return m_library.isExample(name)
            ? tr("Shipped with Delegate, read-only: duplicate it to make your own.\n%1")
                  .arg(m_library.filePath(name))
            : m_library.filePath(name);
    case Qt::FontRole:
        if (m_library.isExample(name)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case NameRole:
        return name;
    case IsExampleRole:
        return m_library.isExample(name);
    case PathRole:
        return m_library.filePath(name);
    default:
        return {};
    }
}

QHash<int, QByteArray> EnvironmentListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractListModel::roleNames();
    roles.insert(NameRole, "name");
    roles.insert(IsExampleRole, "isExample");
    roles.insert(PathRole, "path");
    return roles;
}

void EnvironmentListModel::reload()
{
    beginResetModel();
    m_names = m_library.names();
    endResetModel();
}

int EnvironmentListModel::rowOf(const QString &name) const
{
    return int(m_names.indexOf(name));
}

} // namespace delegate::ui
