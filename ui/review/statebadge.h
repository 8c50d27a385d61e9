// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;

namespace delegate::ui {

// A run's state as the whole GUI shows it: the state's icon and word in its
// colour (RunStateLook), with why it is in that state on hover.
class StateBadge final : public QWidget
{
    Q_OBJECT

public:
    explicit StateBadge(QWidget *parent = nullptr);

    void setState(const QString &state, const QString &reason = {});
    QString state() const { return m_state; }
    QString word() const;

private:
    QLabel *m_icon;
    QLabel *m_word;
    QString m_state;
};

} // namespace delegate::ui
