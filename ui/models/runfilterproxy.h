// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace delegate::ui {

// The runs board's filter: words that must all appear in a run's id, title,
// skill, agent, environment or engine, and optionally a set of states.
// Sorting uses the model's SortRole, so "State" sorts by urgency.
class RunFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RunFilterProxy(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    // Empty: every state.
    void setStates(const QSet<QString> &states);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
    QSet<QString> m_states;
};

} // namespace delegate::ui
