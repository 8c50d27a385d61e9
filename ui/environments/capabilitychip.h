// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/capability.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace delegate::ui {

// One grant of an environment as a chip: what it is ("tool: rg"), what it
// allows and risks on hover (from the capability catalogue), and a button
// that removes it. A secret's chip also says whether a value is set (never
// the value) and offers to set one.
class CapabilityChip final : public QFrame
{
    Q_OBJECT

public:
    enum class ValueState { Unknown, Set, NotSet };

    CapabilityChip(Capability capability, QString subject, QWidget *parent = nullptr);

    Capability capability() const { return m_capability; }
    const QString &subject() const { return m_subject; }
    QString text() const;

    void setValueState(ValueState state);
    ValueState valueState() const { return m_valueState; }

Q_SIGNALS:
    void removeRequested();
    void setValueRequested();

private:
    Capability m_capability;
    QString m_subject;
    QLabel *m_label;
    QLabel *m_value = nullptr;
    ValueState m_valueState = ValueState::Unknown;
};

} // namespace delegate::ui
