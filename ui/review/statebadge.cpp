// SPDX-License-Identifier: GPL-3.0-or-later
#include "statebadge.h"

#include "style/runstatelook.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace delegate::ui {

StateBadge::StateBadge(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_word(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_icon);
    layout->addWidget(m_word);
    QFont bold = m_word->font();
    bold.setBold(true);
    m_word->setFont(bold);
}

void StateBadge::setState(const QString &state, const QString &reason)
{
    m_state = state;
    const RunStateLook look = RunStateLook::of(state);
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(look.icon.pixmap(QSize(side, side), devicePixelRatio()));
    m_word->setText(look.active ? look.word + u" …"_s : look.word);
    QPalette palette = m_word->palette();
    palette.setColor(QPalette::WindowText, look.color);
    m_word->setPalette(palette);
    setToolTip(reason.isEmpty() ? look.word : look.word + u": "_s + reason);
    setAccessibleName(look.word);
}

QString StateBadge::word() const
{
    return RunStateLook::of(m_state).word;
}

} // namespace delegate::ui
