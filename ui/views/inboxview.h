// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListView;
class QSortFilterProxyModel;
class QCheckBox;

namespace delegate::ui {

class CheckpointModel;
class CheckpointPanel;
class EngineHub;

// Every checkpoint waiting for a person, across all runs and engines, with
// the decision made in place. J/K move through the list, Enter approves (or
// answers), and the next open item is selected after a decision.
class InboxView final : public QWidget
{
    Q_OBJECT

public:
    InboxView(EngineHub *hub, CheckpointModel *model, QWidget *parent = nullptr);

    void selectCheckpoint(const QString &engine, const QString &checkpointId);
    CheckpointPanel *panel() const { return m_panel; }
    QListView *list() const { return m_list; }

Q_SIGNALS:
    void openRun(const QString &engine, const QString &runId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showCurrent();
    void selectNextOpen();

    CheckpointModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QListView *m_list;
    CheckpointPanel *m_panel;
    QCheckBox *m_showDecided;
};

} // namespace delegate::ui
