// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "skills/batchplan.h"

#include <QAbstractTableModel>

namespace delegate::ui {

// The preview of a batch: one row per target with the task it makes and the
// bounded-task lint's verdict, or why the target makes no task.
class BatchPlanModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { LineColumn, VerdictColumn, TitleColumn, RepositoryColumn, ParametersColumn, ColumnCount };
    enum Role { VerdictRole = Qt::UserRole + 1, OkRole };

    explicit BatchPlanModel(QObject *parent = nullptr);

    void setPlan(BatchPlan plan);
    const BatchPlan &plan() const { return m_plan; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    BatchPlan m_plan;
};

} // namespace delegate::ui
