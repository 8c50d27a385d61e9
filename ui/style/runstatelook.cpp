// SPDX-License-Identifier: GPL-3.0-or-later
#include "runstatelook.h"

#include <QCoreApplication>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

enum class Glyph { Dot, Play, Hand, Eye, Check, Cross, Slash, Bolt, Loop };

// Draws a state's glyph at any size and device pixel ratio, so the icons
// stay crisp on high-DPI screens without shipping bitmaps.
class GlyphIconEngine final : public QIconEngine
{
public:
    GlyphIconEngine(Glyph glyph, QColor color)
        : m_glyph(glyph)
        , m_color(std::move(color))
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QColor color = m_color;
        if (mode == QIcon::Disabled)
            color.setAlphaF(0.4f);
        const qreal side = std::min(rect.width(), rect.height());
        const QRectF box(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side,
                         side);
        const QRectF disc = box.adjusted(side * 0.06, side * 0.06, -side * 0.06, -side * 0.06);
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawEllipse(disc);
        QPen mark(Qt::white, std::max<qreal>(1.0, side * 0.12), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter->setPen(mark);
        painter->setBrush(Qt::NoBrush);
        const auto at = [&](qreal x, qreal y) {
            return QPointF(disc.left() + disc.width() * x, disc.top() + disc.height() * y);
        };
        switch (m_glyph) {
        case Glyph::Dot:
            break;
        case Glyph::Play: {
            QPainterPath triangle;
            triangle.moveTo(at(0.38, 0.28));
            triangle.lineTo(at(0.74, 0.5));
            triangle.lineTo(at(0.38, 0.72));
            triangle.closeSubpath();
            painter->setPen(Qt::NoPen);
            painter->setBrush(Qt::white);
            painter->drawPath(triangle);
            break;
        }
        case Glyph::Hand: // an exclamation mark: a person is needed
            painter->drawLine(at(0.5, 0.25), at(0.5, 0.56));
            painter->drawPoint(at(0.5, 0.74));
            break;
        case Glyph::Eye:
            painter->drawEllipse(QRectF(at(0.24, 0.36), at(0.76, 0.64)));
            painter->drawPoint(at(0.5, 0.5));
            break;
        case Glyph::Check:
            painter->drawPolyline(QList<QPointF> { at(0.28, 0.52), at(0.44, 0.68), at(0.74, 0.34) });
            break;
        case Glyph::Cross:
            painter->drawLine(at(0.32, 0.32), at(0.68, 0.68));
            painter->drawLine(at(0.68, 0.32), at(0.32, 0.68));
            break;
        case Glyph::Slash:
            painter->drawLine(at(0.3, 0.5), at(0.7, 0.5));
            break;
        case Glyph::Bolt:
            painter->drawPolyline(
                QList<QPointF> { at(0.56, 0.22), at(0.38, 0.52), at(0.62, 0.48), at(0.44, 0.78) });
            break;
        case Glyph::Loop:
            painter->drawArc(QRectF(at(0.28, 0.28), at(0.72, 0.72)), 60 * 16, 280 * 16);
            break;
        }
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine *clone() const override { return new GlyphIconEngine(m_glyph, m_color); }

private:
    Glyph m_glyph;
    QColor m_color;
};

struct Entry
{
    const char *state;
    const char *word;
    QRgb color;
    Glyph glyph;
};

// The colours of docs/ui: grey queued, blue working, amber waiting for a
// person, violet in review, green done, red failed, dark grey cancelled,
// orange interrupted. Chosen to read on light and dark palettes alike.
constexpr Entry entries[] = {
    { "queued", QT_TRANSLATE_NOOP("RunState", "Queued"), 0xff8a8f98, Glyph::Dot },
    { "provisioning", QT_TRANSLATE_NOOP("RunState", "Provisioning"), 0xff3b82f6, Glyph::Loop },
    { "running", QT_TRANSLATE_NOOP("RunState", "Running"), 0xff2f74e0, Glyph::Play },
    { "waiting_for_human", QT_TRANSLATE_NOOP("RunState", "Waiting for you"), 0xffe69500, Glyph::Hand },
    { "in_review", QT_TRANSLATE_NOOP("RunState", "In review"), 0xff8b5cf6, Glyph::Eye },
    { "changes_requested", QT_TRANSLATE_NOOP("RunState", "Changes requested"), 0xff2f74e0, Glyph::Loop },
    { "approved", QT_TRANSLATE_NOOP("RunState", "Approved"), 0xff22a05a, Glyph::Check },
    { "applying", QT_TRANSLATE_NOOP("RunState", "Applying"), 0xff22a05a, Glyph::Loop },
    { "completed", QT_TRANSLATE_NOOP("RunState", "Completed"), 0xff1e8e4e, Glyph::Check },
    { "rejected", QT_TRANSLATE_NOOP("RunState", "Rejected"), 0xffd64545, Glyph::Cross },
    { "failed", QT_TRANSLATE_NOOP("RunState", "Failed"), 0xffd64545, Glyph::Cross },
    { "cancelled", QT_TRANSLATE_NOOP("RunState", "Cancelled"), 0xff5b616b, Glyph::Slash },
    { "interrupted", QT_TRANSLATE_NOOP("RunState", "Interrupted"), 0xfff07a1a, Glyph::Bolt },
};

} // namespace

RunStateLook RunStateLook::of(const QString &state)
{
    static const QHash<QString, RunStateLook> looks = [] {
        QHash<QString, RunStateLook> all;
        for (const Entry &entry : entries) {
            RunStateLook look;
            look.color = QColor::fromRgba(entry.color);
            look.icon = QIcon(new GlyphIconEngine(entry.glyph, look.color));
            look.word = QCoreApplication::translate("RunState", entry.word);
            const QLatin1StringView name(entry.state);
            look.active = name == "provisioning"_L1 || name == "running"_L1 || name == "applying"_L1
                || name == "changes_requested"_L1;
            look.needsHuman = name == "waiting_for_human"_L1;
            all.insert(QString(name), look);
        }
        return all;
    }();
    const auto found = looks.constFind(state);
    if (found != looks.cend())
        return found.value();
    RunStateLook unknown;
    unknown.color = QColor(0xff8a8f98);
    unknown.icon = QIcon(new GlyphIconEngine(Glyph::Dot, unknown.color));
    unknown.word = state;
    return unknown;
}

} // namespace delegate::ui
