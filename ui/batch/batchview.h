// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace delegate::ui {

class RunListModel;

// A batch's progress across its runs: how many are in each state, what
// they have cost so far, and each run, openable with a double-click or
// Enter. It follows the runs through the shared run list, so it costs no
// engine calls of its own.
class BatchView final : public QWidget
{
    Q_OBJECT

public:
    explicit BatchView(RunListModel *runs, QWidget *parent = nullptr);

    void showBatch(const QString &engine, const QString &batchId, const QStringList &runIds);
    QString batchId() const { return m_batchId; }
    // Counts per protocol state name, as shown.
    QHash<QString, int> stateCounts() const { return m_counts; }
    double costSoFar() const { return m_cost; }
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void openRun(const QString &engine, const QString &runId);

private:
    void refresh();

    RunListModel *m_runs;
    QString m_engine;
    QString m_batchId;
    QStringList m_runIds;
    QLabel *m_title;
    QLabel *m_summary;
    QTableWidget *m_table;
    QTimer m_refresh;
    QHash<QString, int> m_counts;
    double m_cost = 0;
};

} // namespace delegate::ui
