// SPDX-License-Identifier: GPL-3.0-or-later
#include "runfilterproxy.h"

#include "runlistmodel.h"

namespace delegate::ui {

RunFilterProxy::RunFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RunListModel::SortRole);
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
}

void RunFilterProxy::setSearchText(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

void RunFilterProxy::setStates(const QSet<QString> &states)
{
    if (states == m_states)
        return;
    m_states = states;
    invalidateFilter();
}

bool RunFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // A group shows when one of its runs does (recursive filtering).
    if (index.data(RunListModel::IsGroupRole).toBool())
        return false;
    if (!m_states.isEmpty() && !m_states.contains(index.data(RunListModel::StateRole).toString()))
        return false;
    const QString text = index.data(RunListModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace delegate::ui
