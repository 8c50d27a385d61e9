// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkpointdelegate.h"

#include "models/checkpointmodel.h"
#include "style/displayformat.h"
#include "style/runstatelook.h"

#include <QApplication>
#include <QJsonObject>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QString kindLabel(const QString &kind)
{
    if (kind == "question"_L1)
        return CheckpointDelegate::tr("QUESTION");
    if (kind == "plan"_L1)
        return CheckpointDelegate::tr("PLAN");
    if (kind == "action"_L1)
        return CheckpointDelegate::tr("ACTION");
    if (kind == "budget"_L1)
        return CheckpointDelegate::tr("BUDGET");
    return kind.toUpper();
}

} // namespace

QSize CheckpointDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return { 320, line * 3 + 14 };
}

void CheckpointDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const bool open = index.data(CheckpointModel::IsOpenRole).toBool();
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &palette = opt.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.6f);

    painter->save();
    const QRect area = opt.rect.adjusted(10, 6, -10, -6);
    const int line = opt.fontMetrics.height();
    const RunStateLook waiting = RunStateLook::of(u"waiting_for_human"_s);
    const RunStateLook done = RunStateLook::of(u"completed"_s);

    // Kind badge, and the age on the right.
    QFont small = opt.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    small.setBold(true);
    painter->setFont(small);
    const QString badge = kindLabel(index.data(CheckpointModel::KindRole).toString());
    const QRect badgeRect(area.left(), area.top(), QFontMetrics(small).horizontalAdvance(badge) + 12, line);
    painter->setPen(Qt::NoPen);
    painter->setBrush(open ? waiting.color : palette.color(QPalette::Mid));
    painter->drawRoundedRect(badgeRect, 3, 3);
    painter->setPen(Qt::white);
    painter->drawText(badgeRect, Qt::AlignCenter, badge);

    painter->setFont(opt.font);
    painter->setPen(muted);
    const QDateTime created = index.data(CheckpointModel::CreatedRole).toDateTime();
    const QString age = displayformat::relativeTime(created);
    painter->drawText(QRect(area.left(), area.top(), area.width(), line), Qt::AlignRight | Qt::AlignVCenter,
                      age);

    QFont bold = opt.font;
    bold.setBold(open);
    painter->setFont(bold);
    painter->setPen(text);
    const int titleLeft = badgeRect.right() + 8;
    const int titleWidth = area.right() - titleLeft - opt.fontMetrics.horizontalAdvance(age) - 8;
    painter->drawText(QRect(titleLeft, area.top(), titleWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(index.data(CheckpointModel::RunTitleRole).toString(),
                                                    Qt::ElideRight, titleWidth));

    painter->setFont(opt.font);
    painter->setPen(open ? text : muted);
    const QRect promptRect(area.left(), area.top() + line + 2, area.width(), line);
    painter->drawText(
        promptRect, Qt::AlignLeft | Qt::AlignVCenter,
        opt.fontMetrics.elidedText(index.data(CheckpointModel::PromptRole).toString().simplified(),
                                   Qt::ElideRight, area.width()));

    const QRect footRect(area.left(), area.top() + 2 * line + 4, area.width(), line);
    const QJsonObject decision = index.data(CheckpointModel::DecisionRole).toJsonObject();
    QString foot;
    if (!decision.isEmpty()) {
        painter->setPen(done.color);
        foot = tr("✓ decided by %1").arg(decision.value("decider"_L1).toString().mid(5));
    } else {
        painter->setPen(muted);
        foot = index.data(CheckpointModel::EngineRole).toString();
    }
    painter->drawText(footRect, Qt::AlignLeft | Qt::AlignVCenter, foot);
    painter->restore();
}

} // namespace delegate::ui
