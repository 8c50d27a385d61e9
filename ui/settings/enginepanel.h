// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace delegate::ui {

class EngineHub;
class InlineMessage;

// Settings → Engine: how many runs go at once, what they may spend per day
// and where the store lives, saved to the settings file the local engine
// reads when it starts; then a button restarts the local engine to apply
// them. Notifications are switched on or off here too.
class EnginePanel final : public QWidget
{
    Q_OBJECT

public:
    EnginePanel(EngineHub *hub, QString settingsPath, QWidget *parent = nullptr);

    void reload();
    void save();
    void restartEngine();

    static bool notificationsEnabled();

    InlineMessage *message() const { return m_message; }

private:
    EngineHub *m_hub;
    QString m_settingsPath;
    QSpinBox *m_maxRuns;
    QCheckBox *m_limitBudget;
    QDoubleSpinBox *m_budget;
    QLineEdit *m_store;
    QCheckBox *m_notifications;
    QPushButton *m_restart;
    InlineMessage *m_message;
};

} // namespace delegate::ui
