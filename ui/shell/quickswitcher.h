// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QListView;

namespace delegate::ui {

class RunFilterProxy;
class RunListModel;

// Ctrl+K: type a few letters of a run's task, id, skill or environment and
// press Enter to jump to it. Escape closes.
class QuickSwitcher final : public QDialog
{
    Q_OBJECT

public:
    QuickSwitcher(RunListModel *runs, QWidget *parent = nullptr);

    void open() override;
    QLineEdit *input() const { return m_input; }

Q_SIGNALS:
    void runChosen(const QString &engine, const QString &runId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void choose();

    RunFilterProxy *m_proxy;
    QLineEdit *m_input;
    QListView *m_list;
};

} // namespace delegate::ui
