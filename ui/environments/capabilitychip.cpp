// SPDX-License-Identifier: GPL-3.0-or-later
#include "capabilitychip.h"

#include "policy/capabilitycatalogue.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QString kindWord(Capability capability)
{
    switch (capability) {
    case Capability::Tool:
        return CapabilityChip::tr("tool");
    case Capability::NetworkAllowlist:
        return CapabilityChip::tr("host");
    case Capability::Mount:
        return CapabilityChip::tr("mount");
    case Capability::Secret:
        return CapabilityChip::tr("secret");
    default:
        return CapabilityCatalogue::info(capability).title;
    }
}

QString riskColour(CapabilityRisk risk)
{
    switch (risk) {
    case CapabilityRisk::Low:
        return u"#607d8b"_s;
    case CapabilityRisk::Medium:
        return u"#b26a00"_s;
    case CapabilityRisk::High:
        return u"#c62828"_s;
    }
    return {};
}

} // namespace

CapabilityChip::CapabilityChip(Capability capability, QString subject, QWidget *parent)
    : QFrame(parent)
    , m_capability(capability)
    , m_subject(std::move(subject))
    , m_label(new QLabel(this))
{
    const CapabilityInfo &info = CapabilityCatalogue::info(capability);
    setObjectName(u"chip"_s);
    setFrameShape(QFrame::StyledPanel);
    // The left edge carries the grant's risk level; the word says it too, on hover.
    setStyleSheet(
        u"QFrame#chip { border: 1px solid palette(mid); border-left: 3px solid %1; border-radius: 4px; }"_s
            .arg(riskColour(info.level)));
    setToolTip(tr("<b>%1</b> (%2 risk)<br>Allows: %3<br>Risk: %4")
                   .arg(info.title.toHtmlEscaped(), enumToString(info.level), info.allows.toHtmlEscaped(),
                        info.risk.toHtmlEscaped()));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 1, 1, 1);
    layout->setSpacing(4);
    m_label->setText(text());
    layout->addWidget(m_label);
    if (capability == Capability::Secret) {
        m_value = new QLabel(this);
        layout->addWidget(m_value);
        auto *set = new QToolButton(this);
        set->setObjectName(u"setValue"_s);
        set->setText(tr("Set value…"));
        set->setAutoRaise(true);
        set->setToolTip(
            tr("Stores a value for %1 in the system keychain; the environment file keeps the name only.")
                .arg(m_subject));
        connect(set, &QToolButton::clicked, this, &CapabilityChip::setValueRequested);
        layout->addWidget(set);
        setValueState(ValueState::Unknown);
    }
    auto *remove = new QToolButton(this);
    remove->setObjectName(u"remove"_s);
    remove->setText(u"✕"_s);
    remove->setAutoRaise(true);
    remove->setToolTip(tr("Remove this grant"));
    remove->setAccessibleName(tr("Remove %1").arg(text()));
    connect(remove, &QToolButton::clicked, this, &CapabilityChip::removeRequested);
    layout->addWidget(remove);
}

QString CapabilityChip::text() const
{
    return kindWord(m_capability) + u": "_s + m_subject;
}

void CapabilityChip::setValueState(ValueState state)
{
    m_valueState = state;
    if (!m_value)
        return;
    switch (state) {
    case ValueState::Unknown:
        m_value->setText(tr("value: unknown"));
        m_value->setToolTip(tr("Whether a value is set is not known: no keychain answered."));
        break;
    case ValueState::Set:
        m_value->setText(tr("● value set"));
        m_value->setToolTip(tr("A value is stored; it is never shown."));
        break;
    case ValueState::NotSet:
        m_value->setText(tr("○ no value"));
        m_value->setToolTip(tr("No value is stored: a run in this environment will stop until one is set."));
        break;
    }
}

} // namespace delegate::ui
