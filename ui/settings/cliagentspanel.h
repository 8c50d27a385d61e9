// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "onboarding/cliagentdetector.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;

namespace delegate::ui {

// Settings → CLI agents: Claude Code, Codex and Gemini CLI as this machine
// has them (found on PATH, version, whether they can log in) and how to
// install the ones that are missing. Detected in the background.
class CliAgentsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit CliAgentsPanel(QWidget *parent = nullptr);

    void detect();
    QTreeWidget *table() const { return m_table; }
    const QList<CliAgentStatus> &agents() const { return m_agents; }

Q_SIGNALS:
    void detected();

private:
    QTreeWidget *m_table;
    QPushButton *m_detect;
    QList<CliAgentStatus> m_agents;
    quint64 m_generation = 0;
};

} // namespace delegate::ui
