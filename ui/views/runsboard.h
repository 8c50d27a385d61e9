// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace delegate::ui {

class RunFilterProxy;
class RunListModel;

// The runs board: every run with its state, task, skill, agent, environment,
// elapsed time, tokens, cost and artifact; filtered by words and state,
// sorted by any column, grouped by batch or attempt set. J/K move through
// the list; selecting a run emits runSelected.
class RunsBoard final : public QWidget
{
    Q_OBJECT

public:
    explicit RunsBoard(RunListModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    RunFilterProxy *proxy() const { return m_proxy; }
    void focusFilter();
    void selectRun(const QString &engine, const QString &runId);
    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray &state);

Q_SIGNALS:
    void runSelected(const QString &engine, const QString &runId);
    // Two to four runs of one attempt set, to compare.
    void compareRequested(const QString &engine, const QStringList &runIds);
    // The run's task, to adjust in the composer and send again.
    void duplicateRequested(const QString &engine, const QString &runId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void emitSelection();
    void updateEmptyState();
    void requestCompare();

    RunListModel *m_model;
    RunFilterProxy *m_proxy;
    QLineEdit *m_filter;
    QComboBox *m_state;
    QComboBox *m_grouping;
    QTreeView *m_view;
    QLabel *m_empty;
};

} // namespace delegate::ui
