// SPDX-License-Identifier: GPL-3.0-or-later
#include "inlinemessage.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScopedValueRollback>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

InlineMessage::InlineMessage(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
{
    setAutoFillBackground(true);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 5, 8, 5);
    layout->setSpacing(8);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_label->setOpenExternalLinks(true);
    setVisible(false);
}

void InlineMessage::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_label->setText(text);
    applyColours();
    setVisible(!text.isEmpty());
}

void InlineMessage::clear()
{
    m_label->clear();
    setVisible(false);
}

QString InlineMessage::text() const
{
    return m_label->text();
}

void InlineMessage::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (!m_applying && (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
        applyColours();
}

void InlineMessage::applyColours()
{
    const QScopedValueRollback applying(m_applying, true);
    QColor accent;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (m_kind) {
    case Kind::Information:
        accent = QColor(0x3d, 0x84, 0xd6);
        break;
    case Kind::Success:
        accent = QColor(0x2e, 0xa0, 0x43);
        icon = QStyle::SP_DialogApplyButton;
        break;
    case Kind::Warning:
        accent = QColor(0xd9, 0x8a, 0x00);
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        accent = QColor(0xd1, 0x3c, 0x3c);
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    // A tint of the palette's own window colour reads on light and dark themes.
    QPalette palette = parentWidget() ? parentWidget()->palette() : QPalette();
    const QColor window = palette.color(QPalette::Window);
    palette.setColor(QPalette::Window, mix(window, accent, 0.16));
    setPalette(palette);
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(side, side));
}

} // namespace delegate::ui
