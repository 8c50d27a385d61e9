// SPDX-License-Identifier: GPL-3.0-or-later
#include "runeventdelegate.h"

#include "models/eventtext.h"
#include "models/runeventmodel.h"
#include "style/runstatelook.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr int horizontalPadding = 8;
constexpr int verticalPadding = 3;
constexpr int framePadding = 6;
constexpr int blockGap = 4;
// Long command output shows its head and its tail, where the summary of a
// test run or a build usually is; the whole of it stays searchable.
constexpr qsizetype headLines = 40;
constexpr qsizetype tailLines = 300;
constexpr qsizetype maximumCharacters = 120000;
constexpr int maximumMatchesPainted = 200;

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
                            float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
                            float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

QColor matchColor()
{
    return QColor(255, 200, 0, 150); // reads on light and dark bases alike
}

QString capped(QString text)
{
    // A trailing newline would show as an empty last line in the box.
    while (!text.isEmpty() && text.back().isSpace())
        text.chop(1);
    QStringList lines = text.split(u'\n');
    if (lines.size() > headLines + tailLines) {
        const qsizetype hidden = lines.size() - headLines - tailLines;
        QStringList kept = lines.mid(0, headLines);
        kept.append(RunEventDelegate::tr("… %1 more lines …").arg(hidden));
        kept.append(lines.mid(lines.size() - tailLines));
        lines = std::move(kept);
    }
    QString joined = lines.join(u'\n');
    if (joined.size() > maximumCharacters)
        joined = joined.left(maximumCharacters) + u"\n…"_s;
    return joined;
}

bool isMessage(const QString &kind)
{
    return kind == "agent.message"_L1 || kind == "checkpoint.opened"_L1;
}

} // namespace

RunEventDelegate::RunEventDelegate(QAbstractItemView *view, RunEventModel *model)
    : QStyledItemDelegate(view)
    , m_view(view)
    , m_model(model)
    , m_mono(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    m_documents.setMaxCost(400);
    if (m_view)
        m_mono.setPointSizeF(std::max(7.0, m_view->font().pointSizeF() - 0.5));
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_heights.clear();
        m_documents.clear();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (first <= m_heights.size())
            m_heights.insert(first, last - first + 1, -1);
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
        if (first < m_heights.size())
            m_heights.remove(first, std::min<qsizetype>(last - first + 1, m_heights.size() - first));
    });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                if (!roles.isEmpty() && !roles.contains(RunEventModel::ExpandedRole)
                    && !roles.contains(RunEventModel::ResultRole))
                    return;
                forgetRows(topLeft.row(), bottomRight.row());
                // QListView does not lay out again when data changes; this
                // tells it a size did.
                Q_EMIT sizeHintChanged(topLeft);
            });
}

RunEventDelegate::~RunEventDelegate() = default;

void RunEventDelegate::setSearchText(const QString &text)
{
    if (m_searchText == text)
        return;
    m_searchText = text;
    if (m_view)
        m_view->viewport()->update();
}

void RunEventDelegate::forgetRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        if (row < m_heights.size())
            m_heights[row] = -1;
        if (!m_model)
            continue;
        const quint64 sequence = m_model->index(row).data(RunEventModel::SequenceRole).toULongLong();
        m_documents.remove(sequence * 8 + quint64(Part::Result));
    }
}

int RunEventDelegate::viewWidth() const
{
    return m_view ? m_view->viewport()->width() : 400;
}

int RunEventDelegate::headerHeight() const
{
    return QFontMetrics(m_view ? m_view->font() : QFont()).height();
}

int RunEventDelegate::contentLeft() const
{
    const QFontMetrics metrics(m_view ? m_view->font() : QFont());
    return horizontalPadding + metrics.horizontalAdvance(u"00:00:00"_s) + 8 + metrics.height() + 4;
}

void RunEventDelegate::fill(QTextDocument *document, const QModelIndex &index, Part part) const
{
    const QString kind = index.data(RunEventModel::KindRole).toString();
    const QJsonObject payload = index.data(RunEventModel::PayloadRole).toJsonObject();
    // Everything is set each time: the measuring document is reused.
    document->setUndoRedoEnabled(false);
    document->setDocumentMargin(0);
    QTextOption wrapping;
    wrapping.setWrapMode(part == Part::Message ? QTextOption::WordWrap
                                               : QTextOption::WrapAtWordBoundaryOrAnywhere);
    document->setDefaultTextOption(wrapping);
    const QFont font = m_view ? m_view->font() : QFont();
    switch (part) {
    case Part::Message: {
        document->setDefaultFont(font);
        QString text = payload.value("text"_L1).toString();
        if (kind == "checkpoint.opened"_L1) {
            const QJsonObject checkpoint = payload.value("checkpoint"_L1).toObject();
            text = checkpoint.value("prompt"_L1).toString();
            const QString body = checkpoint.value("body"_L1).toString(); // Markdown: the plan
            if (!body.trimmed().isEmpty())
                text += u"\n\n"_s + body;
        }
        document->setMarkdown(text, QTextDocument::MarkdownDialectGitHub);
        break;
    }
    case Part::Arguments:
        document->setDefaultFont(m_mono);
        document->setPlainText(capped(eventtext::argumentsText(payload)));
        break;
    case Part::Result: {
        const QJsonObject result =
            kind == "tool.result"_L1 ? payload : index.data(RunEventModel::ResultRole).toJsonObject();
        const QString output = result.value("output"_L1).toString();
        document->setDefaultFont(m_mono);
        document->setPlainText(output.trimmed().isEmpty() ? tr("(no output)") : capped(output));
        break;
    }
    case Part::Thinking: {
        QFont italic = font;
        italic.setItalic(true);
        document->setDefaultFont(italic);
        document->setPlainText(capped(payload.value("text"_L1).toString()));
        break;
    }
    case Part::Raw:
        document->setDefaultFont(m_mono);
        document->setPlainText(
            capped(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Indented))));
        break;
    }
}

quint64 RunEventDelegate::keyOf(const QModelIndex &index, Part part)
{
    return index.data(RunEventModel::SequenceRole).toULongLong() * 8 + quint64(part);
}

QTextDocument *RunEventDelegate::document(const QModelIndex &index, Part part, int width) const
{
    const quint64 key = keyOf(index, part);
    if (QTextDocument *cached = m_documents.object(key)) {
        if (!qFuzzyCompare(cached->textWidth(), qreal(width)))
            cached->setTextWidth(width);
        return cached;
    }
    auto *document = new QTextDocument;
    fill(document, index, part);
    document->setTextWidth(width);
    m_documents.insert(key, document);
    return document;
}

qreal RunEventDelegate::measure(const QModelIndex &index, Part part, int width) const
{
    // Rows laid out but not painted are measured without keeping their
    // document: the cache is for what is on screen.
    if (QTextDocument *cached = m_documents.object(keyOf(index, part))) {
        if (!qFuzzyCompare(cached->textWidth(), qreal(width)))
            cached->setTextWidth(width);
        return cached->size().height();
    }
    QTextDocument document;
    fill(&document, index, part);
    document.setTextWidth(width);
    return document.size().height();
}

QList<RunEventDelegate::Block> RunEventDelegate::blocksOf(const QModelIndex &index, int width, int *height,
                                                          bool measureOnly) const
{
    const QString kind = index.data(RunEventModel::KindRole).toString();
    const bool expanded = index.data(RunEventModel::ExpandedRole).toBool();
    const int contentWidth = std::max(80, width - contentLeft() - horizontalPadding);
    const int framedWidth = contentWidth - 2 * framePadding;
    QList<Block> blocks;
    int count = 0;
    qreal y = verticalPadding + headerHeight();
    const auto add = [&](Part part, bool framed, bool failed = false) {
        y += blockGap;
        const int blockWidth = framed ? framedWidth : contentWidth;
        qreal blockHeight = 0;
        if (measureOnly) {
            blockHeight = measure(index, part, blockWidth);
        } else {
            Block block;
            block.document = document(index, part, blockWidth);
            block.top = y;
            block.framed = framed;
            block.failed = failed;
            blocks.append(block);
            blockHeight = block.document->size().height();
        }
        y += blockHeight + (framed ? 2 * framePadding : 0);
        ++count;
    };
    if (isMessage(kind)) {
        add(Part::Message, false);
    } else if (expanded) {
        if (kind == "tool.call"_L1) {
            add(Part::Arguments, true);
            if (index.data(RunEventModel::HasResultRole).toBool())
                add(Part::Result, true,
                    eventtext::resultFailed(index.data(RunEventModel::ResultRole).toJsonObject()));
        } else if (kind == "tool.result"_L1) {
            add(Part::Result, true,
                eventtext::resultFailed(index.data(RunEventModel::PayloadRole).toJsonObject()));
        } else if (kind == "agent.thinking"_L1) {
            add(Part::Thinking, false);
        } else if (kind == "agent.raw"_L1) {
            add(Part::Raw, true);
        }
    }
    *height = int(std::ceil(y)) + verticalPadding + (count == 0 ? 0 : blockGap);
    return blocks;
}

QSize RunEventDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &index) const
{
    const int width = viewWidth();
    if (width != m_width) {
        m_width = width;
        m_heights.fill(-1);
    }
    const int row = index.row();
    if (row < m_heights.size() && m_heights.at(row) >= 0)
        return { width, m_heights.at(row) };
    int height = 0;
    blocksOf(index, width, &height, true);
    if (row >= m_heights.size() && m_model)
        m_heights.resize(m_model->rowCount(), -1);
    if (row < m_heights.size())
        m_heights[row] = height;
    return { width, height };
}

void RunEventDelegate::drawText(QPainter *painter, const QRect &rect, const QString &text, const QFont &font,
                                const QColor &color, int *advance) const
{
    const QFontMetrics metrics(font);
    QString line = text;
    line.replace(u'\n', u' ');
    const QString shown = metrics.elidedText(line, Qt::ElideRight, rect.width());
    if (!m_searchText.isEmpty()) {
        qsizetype from = 0;
        int painted = 0;
        while ((from = shown.indexOf(m_searchText, from, Qt::CaseInsensitive)) >= 0
               && painted++ < maximumMatchesPainted) {
            const int left = metrics.horizontalAdvance(shown.left(from));
            const int matchWidth = metrics.horizontalAdvance(shown.mid(from, m_searchText.size()));
            painter->fillRect(QRect(rect.left() + left, rect.top(), matchWidth, rect.height()), matchColor());
            from += m_searchText.size();
        }
    }
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shown);
    if (advance)
        *advance = metrics.horizontalAdvance(shown);
}

void RunEventDelegate::paintHeader(QPainter *painter, const QRect &rect, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    const QString kind = index.data(RunEventModel::KindRole).toString();
    const QJsonObject payload = index.data(RunEventModel::PayloadRole).toJsonObject();
    const QColor text = option.palette.color(QPalette::Text);
    const QColor muted = mix(text, option.palette.color(QPalette::Base), 0.45);
    const QFont font = option.font;
    QFont bold = font;
    bold.setBold(true);
    const int lineHeight = rect.height();

    // The time, exact to the second, in the gutter.
    const QDateTime time = index.data(RunEventModel::TimeRole).toDateTime().toLocalTime();
    const QRect timeRect(rect.left() + horizontalPadding, rect.top(), contentLeft() - horizontalPadding,
                         lineHeight);
    painter->setFont(font);
    painter->setPen(muted);
    painter->drawText(timeRect, Qt::AlignLeft | Qt::AlignVCenter, time.toString(u"HH:mm:ss"_s));

    // The marker: a fold arrow, a state's icon, or nothing.
    const int markerSize = lineHeight;
    const QRect marker(rect.left() + contentLeft() - markerSize - 4, rect.top(), markerSize, lineHeight);
    const bool collapsible = index.data(RunEventModel::CollapsibleRole).toBool();
    if (collapsible) {
        const bool expanded = index.data(RunEventModel::ExpandedRole).toBool();
        const QPointF c = QRectF(marker).center();
        const qreal s = lineHeight * 0.22;
        QPainterPath arrow;
        if (expanded) {
            arrow.moveTo(c.x() - s, c.y() - s * 0.5);
            arrow.lineTo(c.x() + s, c.y() - s * 0.5);
            arrow.lineTo(c.x(), c.y() + s * 0.7);
        } else {
            arrow.moveTo(c.x() - s * 0.5, c.y() - s);
            arrow.lineTo(c.x() + s * 0.7, c.y());
            arrow.lineTo(c.x() - s * 0.5, c.y() + s);
        }
        arrow.closeSubpath();
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(muted);
        painter->drawPath(arrow);
        painter->restore();
    }

    QRect content(rect.left() + contentLeft(), rect.top(), rect.width() - contentLeft() - horizontalPadding,
                  lineHeight);
    int advance = 0;
    const auto next = [&](int gap) {
        content.setLeft(content.left() + advance + gap);
    };

    if (kind == "tool.call"_L1) {
        // name  arguments …                       exit 0
        const QJsonObject result = index.data(RunEventModel::ResultRole).toJsonObject();
        const bool hasResult = index.data(RunEventModel::HasResultRole).toBool();
        const bool asks = eventtext::toolName(payload) == "ask_human"_L1;
        const QString status = hasResult ? eventtext::resultStatus(result)
            : asks                       ? tr("waiting for an answer")
                                         : tr("running…");
        const QColor statusColor = !hasResult ? muted
            : eventtext::resultFailed(result) ? RunStateLook::of(u"failed"_s).color
                                              : RunStateLook::of(u"completed"_s).color;
        // One pixel of slack: advances are rounded, eliding is not.
        const int statusWidth = QFontMetrics(font).horizontalAdvance(status) + 2;
        const QRect statusRect(content.right() - statusWidth, content.top(), statusWidth, lineHeight);
        drawText(painter, statusRect, status, font, statusColor);
        content.setRight(statusRect.left() - 12);
        drawText(painter, content, eventtext::toolName(payload), bold, text, &advance);
        next(8);
        drawText(painter, content, eventtext::argumentsSummary(payload), m_mono, muted);
        return;
    }
    if (kind == "run.state_changed"_L1) {
        const RunStateLook look = RunStateLook::of(payload.value("to"_L1).toString());
        const int iconSize = int(lineHeight * 0.8);
        look.icon.paint(painter,
                        QRect(marker.center().x() - iconSize / 2, marker.center().y() - iconSize / 2,
                              iconSize, iconSize));
        drawText(painter, content, look.word, bold, look.color, &advance);
        next(8);
        drawText(painter, content, eventtext::summary(kind, payload), font, muted);
        return;
    }
    if (kind == "agent.message"_L1) {
        const bool toAgent = payload.value("role"_L1).toString() == "user"_L1;
        drawText(painter, content, eventtext::label(kind, payload), bold,
                 toAgent ? option.palette.color(QPalette::Link) : text, &advance);
        next(8);
        if (toAgent)
            drawText(painter, content, tr("from %1").arg(index.data(RunEventModel::ActorRole).toString()),
                     font, muted);
        return;
    }
    if (kind == "checkpoint.opened"_L1) {
        drawText(painter, content, eventtext::label(kind, payload), bold,
                 RunStateLook::of(u"waiting_for_human"_s).color, &advance);
        next(8);
        drawText(painter, content, tr("waiting for a person"), font, muted);
        return;
    }
    if (kind == "tool.result"_L1) {
        const bool failed = eventtext::resultFailed(payload);
        drawText(painter, content, eventtext::toolName(payload), bold, text, &advance);
        next(8);
        drawText(painter, content, eventtext::summary(kind, payload), m_mono,
                 failed ? RunStateLook::of(u"failed"_s).color : muted);
        return;
    }
    QFont labelFont = bold;
    QColor labelColor = muted;
    if (kind == "run.steered"_L1 || kind == "run.paused"_L1 || kind == "run.resumed"_L1) {
        labelColor = option.palette.color(QPalette::Link);
    } else if (kind == "agent.thinking"_L1) {
        labelFont = font;
        labelFont.setItalic(true);
    } else if (kind == "artifact.submitted"_L1) {
        labelColor = RunStateLook::of(u"in_review"_s).color;
    }
    drawText(painter, content, eventtext::label(kind, payload), labelFont, labelColor, &advance);
    next(8);
    QString summary = kind == "agent.usage"_L1
        ? eventtext::usageSummary(payload, index.data(RunEventModel::UsageTotalsRole).toJsonObject())
        : eventtext::summary(kind, payload);
    if (kind == "run.steered"_L1 || kind == "run.paused"_L1 || kind == "run.resumed"_L1)
        summary = tr("by %1").arg(index.data(RunEventModel::ActorRole).toString())
            + (summary.isEmpty() ? QString() : u": "_s + summary);
    if (kind == "agent.thinking"_L1 && index.data(RunEventModel::ExpandedRole).toBool())
        summary.clear();
    QFont summaryFont = font;
    summaryFont.setItalic(kind == "agent.thinking"_L1);
    drawText(painter, content, summary, summaryFont, kind == "run.steered"_L1 ? text : muted);
}

void RunEventDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    painter->save();
    const QRect rect = option.rect;
    const QString kind = index.data(RunEventModel::KindRole).toString();
    const QJsonObject payload = index.data(RunEventModel::PayloadRole).toJsonObject();
    const QColor base = option.palette.color(QPalette::Base);
    const QColor text = option.palette.color(QPalette::Text);

    // What a person said or is asked stands out from the agent's work.
    QColor accent;
    if (kind == "checkpoint.opened"_L1)
        accent = RunStateLook::of(u"waiting_for_human"_s).color;
    else if (kind == "run.steered"_L1
             || (kind == "agent.message"_L1 && payload.value("role"_L1).toString() == "user"_L1))
        accent = option.palette.color(QPalette::Link);
    if (accent.isValid()) {
        painter->fillRect(rect, mix(base, accent, 0.08));
        painter->fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), accent);
    }
    if (option.state & QStyle::State_Selected) {
        QColor selection = option.palette.color(QPalette::Highlight);
        selection.setAlpha(55);
        painter->fillRect(rect, selection);
    }
    if (kind == "agent.message"_L1 && index.row() > 0)
        painter->fillRect(
            QRect(rect.left() + horizontalPadding, rect.top(), rect.width() - 2 * horizontalPadding, 1),
            mix(base, text, 0.1));

    QStyleOptionViewItem header = option;
    paintHeader(painter, QRect(rect.left(), rect.top() + verticalPadding, rect.width(), headerHeight()),
                header, index);

    int height = 0;
    const QList<Block> blocks = blocksOf(index, viewWidth(), &height, false);
    for (const Block &block : blocks) {
        QTextDocument *document = block.document;
        QPointF at(rect.left() + contentLeft(), rect.top() + block.top);
        const QSizeF size = document->size();
        if (block.framed) {
            const QRectF frame(
                at,
                QSizeF(viewWidth() - contentLeft() - horizontalPadding, size.height() + 2 * framePadding));
            const QColor fill =
                block.failed ? mix(base, RunStateLook::of(u"failed"_s).color, 0.1) : mix(base, text, 0.05);
            painter->save();
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(QPen(mix(base, text, block.failed ? 0.25 : 0.12), 1));
            painter->setBrush(fill);
            painter->drawRoundedRect(frame.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
            painter->restore();
            at += QPointF(framePadding, framePadding);
        }
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = option.palette;
        context.palette.setColor(QPalette::Text, text);
        context.clip = QRectF(QPointF(0, 0), size);
        if (!m_searchText.isEmpty()) {
            QTextCharFormat match;
            match.setBackground(matchColor());
            QTextCursor cursor(document);
            for (int found = 0; found < maximumMatchesPainted; ++found) {
                cursor = document->find(m_searchText, cursor);
                if (cursor.isNull())
                    break;
                context.selections.append({ cursor, match });
            }
        }
        painter->save();
        painter->translate(at);
        painter->setClipRect(context.clip);
        document->documentLayout()->draw(painter, context);
        painter->restore();
    }

    if (option.state & QStyle::State_HasFocus) {
        QColor focus = option.palette.color(QPalette::Highlight);
        painter->setPen(QPen(focus, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5));
    }
    painter->restore();
}

bool RunEventDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                   const QStyleOptionViewItem &option, const QModelIndex &index)
{
    // A press on the header line folds or unfolds; the view still selects the row.
    if (event->type() == QEvent::MouseButtonPress && index.data(RunEventModel::CollapsibleRole).toBool()) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const int headerBottom = option.rect.top() + verticalPadding + headerHeight() + verticalPadding;
        if (mouse->button() == Qt::LeftButton && mouse->position().y() <= headerBottom)
            model->setData(index, !index.data(RunEventModel::ExpandedRole).toBool(),
                           RunEventModel::ExpandedRole);
    }
    return false;
}

} // namespace delegate::ui
