// SPDX-License-Identifier: GPL-3.0-or-later
#include "watchtile.h"

#include "style/displayformat.h"
#include "style/runstatelook.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr int padding = 10;

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
                            float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
                            float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

QFont monospace(const QFont &base)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(std::max(7.0, base.pointSizeF() - 1));
    return font;
}

} // namespace

WatchTile::WatchTile(QString engine, QString runId, QWidget *parent)
    : QWidget(parent)
    , m_engine(std::move(engine))
    , m_runId(std::move(runId))
{
    setObjectName(u"watchTile"_s);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    // The tail is eight lines: a taller tile would only show empty space.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("%1 — double-click or press Enter to open its console").arg(m_runId));
    setAccessibleName(m_runId);
}

void WatchTile::setSummary(const QJsonObject &summary)
{
    const QString state = summary.value("state"_L1).toString();
    const QString title = summary.value("title"_L1).toString();
    const QJsonObject usage = summary.value("usage"_L1).toObject();
    const qint64 tokens = usage.value("tokens_in"_L1).toInteger() + usage.value("tokens_out"_L1).toInteger();
    const QJsonValue costValue = usage.value("cost_usd"_L1);
    const std::optional<double> cost =
        costValue.isDouble() ? std::optional<double>(costValue.toDouble()) : std::nullopt;
    const bool paused = summary.value("paused"_L1).toBool();
    if (state == m_state && title == m_title && tokens == m_tokens && cost == m_cost && paused == m_paused)
        return;
    m_state = state;
    m_title = title;
    m_tokens = tokens;
    m_cost = cost;
    m_paused = paused;
    setAccessibleName(tr("%1, %2").arg(m_title, RunStateLook::of(m_state).word));
    m_dirty = true;
}

void WatchTile::setTail(const QStringList &lines)
{
    if (lines == m_tail)
        return;
    m_tail = lines;
    m_dirty = true;
}

void WatchTile::refresh()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    update();
}

QSize WatchTile::minimumTileSize(const QFont &font)
{
    const QFontMetrics text(font);
    const QFontMetrics mono(monospace(font));
    return { 30 * text.averageCharWidth() + 2 * padding,
             2 * padding + 2 * text.height() + 2 + 10 + tailLength * mono.lineSpacing() };
}

QSize WatchTile::sizeHint() const
{
    return minimumTileSize(font()) + QSize(120, 0);
}

QSize WatchTile::minimumSizeHint() const
{
    return minimumTileSize(font());
}

void WatchTile::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &palette = this->palette();
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor muted = mix(text, base, 0.45);
    const RunStateLook look = RunStateLook::of(m_state);

    painter.fillRect(rect(), palette.color(QPalette::Window));
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5);
    painter.setPen(hasFocus() ? QPen(palette.color(QPalette::Highlight), 2) : QPen(mix(base, text, 0.18), 1));
    // What waits for a person is the most visible state: its tile is tinted.
    painter.setBrush(look.needsHuman ? mix(base, look.color, 0.1) : base);
    painter.drawRoundedRect(frame, 6, 6);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRectF(frame.left() + 1, frame.top() + 6, 3, frame.height() - 12), look.color);

    const QFontMetrics metrics(font());
    const int lineHeight = metrics.height();
    QRect line(padding + 4, padding, width() - 2 * padding - 4, lineHeight);

    // State (icon and word) on the left, tokens and cost on the right.
    look.icon.paint(&painter, QRect(line.left(), line.top() + 1, lineHeight - 2, lineHeight - 2));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(look.color);
    const QString word = m_paused ? tr("%1 · paused").arg(look.word) : look.word;
    const QRect wordRect = line.adjusted(lineHeight + 2, 0, 0, 0);
    painter.drawText(wordRect, Qt::AlignLeft | Qt::AlignVCenter, word);
    const QString usage =
        tr("%1 tokens · %2").arg(displayformat::tokens(m_tokens), displayformat::cost(m_cost));
    painter.setFont(font());
    painter.setPen(muted);
    const int wordWidth = QFontMetrics(bold).horizontalAdvance(word);
    const QRect usageRect = line.adjusted(lineHeight + 2 + wordWidth + 12, 0, 0, 0);
    painter.drawText(usageRect, Qt::AlignRight | Qt::AlignVCenter,
                     metrics.elidedText(usage, Qt::ElideLeft, usageRect.width()));

    line.translate(0, lineHeight + 2);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(
        line, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(m_title.isEmpty() ? m_runId : m_title, Qt::ElideRight, line.width()));

    const int ruleY = line.bottom() + 5;
    painter.fillRect(QRect(line.left(), ruleY, line.width(), 1), mix(base, text, 0.1));

    // The live tail, newest at the bottom, the newest line in full colour.
    const QFont mono = monospace(font());
    const QFontMetrics monoMetrics(mono);
    painter.setFont(mono);
    const int tailTop = ruleY + 5;
    const int bottom = height() - padding;
    const int fits = std::max(0, (bottom - tailTop) / monoMetrics.lineSpacing());
    if (m_tail.isEmpty()) {
        QFont italic = font();
        italic.setItalic(true);
        painter.setFont(italic);
        painter.setPen(muted);
        painter.drawText(QRect(line.left(), tailTop, line.width(), lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, tr("Waiting for output…"));
        return;
    }
    const qsizetype shown = std::min<qsizetype>(fits, m_tail.size());
    int y = tailTop;
    for (qsizetype i = m_tail.size() - shown; i < m_tail.size(); ++i) {
        painter.setPen(i == m_tail.size() - 1 ? text : muted);
        painter.drawText(QRect(line.left(), y, line.width(), monoMetrics.lineSpacing()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         monoMetrics.elidedText(m_tail.at(i), Qt::ElideRight, line.width()));
        y += monoMetrics.lineSpacing();
    }
}

void WatchTile::mouseDoubleClickEvent(QMouseEvent *event)
{
    Q_UNUSED(event)
    Q_EMIT activated(m_engine, m_runId);
}

void WatchTile::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        Q_EMIT activated(m_engine, m_runId);
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace delegate::ui
