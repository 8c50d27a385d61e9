// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffview.h"

#include "linecommenteditor.h"

#include <QApplication>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

using Kind = UnifiedDiff::LineKind;

constexpr int tabWidth = 4;
constexpr int padding = 6;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

QString expandTabs(const QString &text)
{
    if (!text.contains(u'\t'))
        return text;
    QString expanded;
    expanded.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (c == u'\t')
            expanded += QString(tabWidth - expanded.size() % tabWidth, u' ');
        else
            expanded += c;
    }
    return expanded;
}

quint64 commentKey(int file, int line)
{
    return (quint64(quint32(file)) << 32) | quint32(line);
}

bool isCode(Kind kind)
{
    return kind == Kind::Context || kind == Kind::Added || kind == Kind::Removed || kind == Kind::NoNewline;
}

} // namespace

DiffView::DiffView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_placeholder(tr("No changes to show."))
    , m_editor(new LineCommentEditor(viewport()))
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAutoFillBackground(false);
    viewport()->setMouseTracking(false);
    m_editor->hide();
    connect(m_editor, &LineCommentEditor::submitted, this, [this](const QString &text) {
        const LineComment comment { m_editor->file(), m_editor->line(), text };
        closeEditor();
        Q_EMIT commentWritten(comment);
    });
    connect(m_editor, &LineCommentEditor::cancelled, this, &DiffView::closeEditor);
    updateMetrics();
    updateColours();
    setAccessibleName(tr("Diff"));
}

DiffView::~DiffView() = default;

void DiffView::setDiff(std::shared_ptr<const UnifiedDiff> diff)
{
    closeEditor();
    m_diff = std::move(diff);
    m_comments.clear(); // keyed by file index: they belong to the old diff
    m_sideRows.clear();
    m_sideRowOfLine.clear();
    if (m_diff && m_mode == Mode::SideBySide)
        setMode(Mode::SideBySide); // builds the rows
    m_currentLine = m_diff && !m_diff->lines().isEmpty() ? 0 : -1;
    m_lastTopFile = -1;
    setFindText(m_findText);
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
    emitTopFileIfChanged();
}

void DiffView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void DiffView::setMode(Mode mode)
{
    const bool changed = mode != m_mode;
    closeEditor();
    m_mode = mode;
    if (m_mode == Mode::SideBySide && m_diff && m_sideRows.isEmpty()) {
        m_sideRows = m_diff->sideBySideRows();
        m_sideRowOfLine.fill(-1, m_diff->lines().size());
        for (int row = 0; row < int(m_sideRows.size()); ++row) {
            const UnifiedDiff::SideBySideRow &side = m_sideRows.at(row);
            if (side.left >= 0)
                m_sideRowOfLine[side.left] = row;
            if (side.right >= 0)
                m_sideRowOfLine[side.right] = row;
        }
    }
    updateScrollBars();
    if (m_currentLine >= 0)
        ensureRowVisible(rowOfLine(m_currentLine), true);
    viewport()->update();
    if (changed)
        Q_EMIT modeChanged(m_mode);
}

int DiffView::rowCount() const
{
    if (!m_diff)
        return 0;
    return int(m_mode == Mode::Unified ? m_diff->lines().size() : m_sideRows.size());
}

int DiffView::rowOfLine(int line) const
{
    if (!m_diff || line < 0 || line >= m_diff->lines().size())
        return -1;
    return m_mode == Mode::Unified ? line : m_sideRowOfLine.value(line, -1);
}

int DiffView::rowTop(int row) const
{
    int top = row * m_lineHeight;
    if (m_editorRow >= 0 && row > m_editorRow)
        top += m_editorGap;
    return top;
}

int DiffView::rowAt(int y) const
{
    const int content = y + verticalScrollBar()->value();
    if (content < 0)
        return -1;
    int row = content / m_lineHeight;
    if (m_editorRow >= 0 && row > m_editorRow) {
        const int gapEnd = rowTop(m_editorRow + 1);
        if (content < gapEnd)
            return -1;
        row = (content - m_editorGap) / m_lineHeight;
    }
    return row < rowCount() ? row : -1;
}

int DiffView::firstVisibleRow() const
{
    if (rowCount() == 0)
        return -1;
    const int content = verticalScrollBar()->value();
    int row = content / m_lineHeight;
    if (m_editorRow >= 0 && row > m_editorRow)
        row = std::max(m_editorRow + 1, (content - m_editorGap) / m_lineHeight);
    return std::min(row, rowCount() - 1);
}

int DiffView::lastVisibleRow() const
{
    if (rowCount() == 0)
        return -1;
    int row = firstVisibleRow();
    const int bottom = verticalScrollBar()->value() + viewport()->height();
    // Only rows shown whole count.
    while (row + 1 < rowCount() && rowTop(row + 1) + m_lineHeight <= bottom)
        ++row;
    return row;
}

int DiffView::lineOnRow(int row, Side preferred) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    if (m_mode == Mode::Unified)
        return row;
    const UnifiedDiff::SideBySideRow &side = m_sideRows.at(row);
    if (preferred == Side::Left)
        return side.left >= 0 ? side.left : side.right;
    return side.right >= 0 ? side.right : side.left;
}

void DiffView::setCurrentLine(int line)
{
    if (!m_diff || line < 0 || line >= m_diff->lines().size())
        return;
    const bool changed = line != m_currentLine;
    m_currentLine = line;
    ensureRowVisible(rowOfLine(line));
    viewport()->update();
    if (changed)
        Q_EMIT currentLineChanged(line);
}

int DiffView::currentFile() const
{
    return m_currentLine >= 0 ? m_diff->lines().at(m_currentLine).file : -1;
}

int DiffView::fileAtTop() const
{
    const int line = lineOnRow(firstVisibleRow(), Side::Right);
    return line >= 0 ? m_diff->lines().at(line).file : -1;
}

void DiffView::scrollToFile(int file)
{
    if (!m_diff || file < 0 || file >= m_diff->files().size())
        return;
    const int line = m_diff->files().at(file).firstLine;
    const bool changed = line != m_currentLine;
    m_currentLine = line;
    verticalScrollBar()->setValue(rowTop(rowOfLine(line)));
    viewport()->update();
    emitTopFileIfChanged();
    if (changed)
        Q_EMIT currentLineChanged(line);
}

void DiffView::nextFile()
{
    if (!m_diff || m_diff->files().isEmpty())
        return;
    const int top = std::max(0, fileAtTop());
    const int topRow = firstVisibleRow();
    // At the very end nothing scrolls further; go by the current line instead.
    const bool atEnd = verticalScrollBar()->value() >= verticalScrollBar()->maximum();
    const int from = atEnd ? std::max(top, currentFile()) : top;
    if (from + 1 < m_diff->files().size())
        scrollToFile(from + 1);
    else if (topRow >= 0)
        setCurrentLine(m_diff->files().constLast().firstLine);
}

void DiffView::previousFile()
{
    if (!m_diff || m_diff->files().isEmpty())
        return;
    const int top = fileAtTop();
    if (top < 0)
        return;
    const bool atHeader = rowOfLine(m_diff->files().at(top).firstLine) == firstVisibleRow();
    scrollToFile(atHeader ? std::max(0, top - 1) : top);
}

void DiffView::setFindText(const QString &text)
{
    m_findText = text;
    m_matchLines.clear();
    if (m_diff && !text.isEmpty()) {
        const QList<UnifiedDiff::Line> &lines = m_diff->lines();
        for (int index = 0; index < int(lines.size()); ++index) {
            const UnifiedDiff::Line &line = lines.at(index);
            const QString &haystack =
                line.kind == Kind::FileHeader ? m_diff->files().at(line.file).path() : line.text;
            if (haystack.contains(text, Qt::CaseInsensitive))
                m_matchLines.append(index);
        }
    }
    viewport()->update();
}

bool DiffView::findNext(bool backwards)
{
    if (m_matchLines.isEmpty())
        return false;
    int target = -1;
    if (backwards) {
        auto it = std::lower_bound(m_matchLines.cbegin(), m_matchLines.cend(), m_currentLine);
        target = it == m_matchLines.cbegin() ? m_matchLines.constLast() : *(it - 1);
    } else {
        auto it = std::upper_bound(m_matchLines.cbegin(), m_matchLines.cend(), m_currentLine);
        target = it == m_matchLines.cend() ? m_matchLines.constFirst() : *it;
    }
    const bool changed = target != m_currentLine;
    m_currentLine = target;
    ensureRowVisible(rowOfLine(target), true);
    viewport()->update();
    if (changed)
        Q_EMIT currentLineChanged(target);
    return true;
}

void DiffView::setCommentsEnabled(bool enabled)
{
    m_commentsEnabled = enabled;
    if (!enabled)
        closeEditor();
}

void DiffView::setCommentMarkers(const QList<LineComment> &comments)
{
    m_comments.clear();
    if (m_diff) {
        for (const LineComment &comment : comments) {
            const int file = m_diff->fileIndex(comment.file);
            if (file >= 0)
                m_comments[commentKey(file, comment.line)].append(comment.text);
        }
    }
    viewport()->update();
}

bool DiffView::hasComment(int line) const
{
    if (m_comments.isEmpty() || line < 0)
        return false;
    const UnifiedDiff::Line &entry = m_diff->lines().at(line);
    return entry.newNumber > 0 && m_comments.contains(commentKey(entry.file, entry.newNumber));
}

bool DiffView::startComment(int line)
{
    if (!m_commentsEnabled || !m_diff)
        return false;
    if (line < 0)
        line = m_currentLine;
    if (line < 0 || line >= m_diff->lines().size())
        return false;
    const UnifiedDiff::Line &entry = m_diff->lines().at(line);
    const int row = rowOfLine(line);
    if (entry.newNumber <= 0) {
        const QPoint where =
            viewport()->mapToGlobal(QPoint(padding, rowTop(row) - verticalScrollBar()->value()));
        QToolTip::showText(where,
                           tr("Comments go on lines of the new version: pick a line that was added or kept, "
                              "not a removed line or a header."),
                           viewport());
        return false;
    }
    if (line != m_currentLine) {
        m_currentLine = line;
        Q_EMIT currentLineChanged(line);
    }
    m_editorLine = line;
    m_editorRow = row;
    m_editor->open(m_diff->files().at(entry.file).path(), entry.newNumber);
    m_editorGap = m_editor->sizeHint().height();
    updateScrollBars();
    // Show the line and its editor together.
    const int top = rowTop(row);
    const int bottom = top + m_lineHeight + m_editorGap;
    QScrollBar *bar = verticalScrollBar();
    if (top < bar->value() || bottom > bar->value() + viewport()->height())
        bar->setValue(std::max(0, std::min(top, bottom - viewport()->height())));
    layoutEditor();
    m_editor->show();
    m_editor->open(m_diff->files().at(entry.file).path(), entry.newNumber);
    viewport()->update();
    return true;
}

bool DiffView::isCommentEditorOpen() const
{
    return m_editorRow >= 0;
}

void DiffView::closeEditor()
{
    if (m_editorRow < 0)
        return;
    const bool hadFocus = m_editor->isAncestorOf(QApplication::focusWidget());
    m_editor->hide();
    m_editorRow = -1;
    m_editorLine = -1;
    m_editorGap = 0;
    updateScrollBars();
    viewport()->update();
    if (hadFocus)
        setFocus();
}

void DiffView::layoutEditor()
{
    if (m_editorRow < 0)
        return;
    const int y = rowTop(m_editorRow) + m_lineHeight - verticalScrollBar()->value();
    const int width = viewport()->width();
    // Side by side, the editor sits under the new version.
    const int x = m_mode == Mode::SideBySide ? width / 2 : textStart(2 * numberWidth());
    m_editor->setGeometry(x, y, std::max(200, width - x - padding), m_editorGap);
}

void DiffView::updateMetrics()
{
    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_font.setPointSizeF(std::max(font().pointSizeF() - 0.5, 8.0));
    m_boldFont = font();
    m_boldFont.setBold(true);
    const QFontMetrics metrics(m_font);
    m_lineHeight = std::max(metrics.height(), QFontMetrics(m_boldFont).height()) + 3;
    m_charWidth = std::max(1, metrics.horizontalAdvance(u'M'));
    m_ascent = metrics.ascent() + (m_lineHeight - metrics.height()) / 2;
    updateScrollBars();
}

void DiffView::updateColours()
{
    const QPalette &palette = this->palette();
    Colours &c = m_colours;
    c.base = palette.color(QPalette::Base);
    c.text = palette.color(QPalette::Text);
    const bool dark = c.base.lightness() < 128;
    // GitHub's greens and reds, tinted into the palette's base, so that
    // text in the palette's own colour stays readable on light and dark themes.
    const QColor green = dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
    const QColor red = dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
    c.added = green;
    c.removed = red;
    c.addedBackground = mix(c.base, green, dark ? 0.20 : 0.13);
    c.removedBackground = mix(c.base, red, dark ? 0.20 : 0.11);
    c.addedGutter = mix(c.base, green, dark ? 0.32 : 0.24);
    c.removedGutter = mix(c.base, red, dark ? 0.32 : 0.20);
    c.muted = mix(c.text, c.base, 0.45);
    c.gutter = mix(c.base, c.text, dark ? 0.06 : 0.035);
    c.gutterText = mix(c.text, c.base, 0.5);
    c.fileHeader = mix(c.base, c.text, dark ? 0.14 : 0.08);
    c.hunkHeader = mix(c.base, palette.color(QPalette::Highlight), dark ? 0.20 : 0.10);
    c.current = palette.color(QPalette::Highlight);
    c.match = dark ? QColor(0x9e, 0x6a, 0x03) : QColor(0xff, 0xdf, 0x5d);
    c.emptySide = mix(c.base, c.text, dark ? 0.04 : 0.03);
    c.comment = palette.color(QPalette::Highlight);
    viewport()->update();
}

int DiffView::numberWidth() const
{
    const int digits = std::max(3, int(QString::number(m_diff ? m_diff->largestLineNumber() : 0).size()));
    return digits * m_charWidth + 2 * padding;
}

// Where code starts after the gutter: a column for the comment mark and the +/- marker.
int DiffView::textStart(int gutterWidth) const
{
    return gutterWidth + 3 * m_charWidth;
}

int DiffView::visibleTextWidth() const
{
    const int width = viewport()->width();
    if (m_mode == Mode::Unified)
        return width - textStart(2 * numberWidth());
    return width / 2 - textStart(numberWidth());
}

void DiffView::updateScrollBars()
{
    const int contentHeight = rowCount() * m_lineHeight + (m_editorRow >= 0 ? m_editorGap : 0);
    QScrollBar *vertical = verticalScrollBar();
    vertical->setRange(0, std::max(0, contentHeight - viewport()->height()));
    vertical->setPageStep(std::max(m_lineHeight, viewport()->height() - m_lineHeight));
    vertical->setSingleStep(m_lineHeight);
    const int contentWidth = m_diff ? (m_diff->longestLine() + 2) * m_charWidth : 0;
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setRange(0, std::max(0, contentWidth - visibleTextWidth()));
    horizontal->setPageStep(std::max(m_charWidth, visibleTextWidth()));
    horizontal->setSingleStep(m_charWidth * 4);
}

void DiffView::ensureRowVisible(int row, bool centre)
{
    if (row < 0)
        return;
    QScrollBar *bar = verticalScrollBar();
    const int top = rowTop(row);
    const int height = viewport()->height();
    if (top >= bar->value() && top + m_lineHeight <= bar->value() + height)
        return;
    if (centre)
        bar->setValue(top - (height - m_lineHeight) / 2);
    else if (top < bar->value())
        bar->setValue(top);
    else
        bar->setValue(top + m_lineHeight - height);
}

void DiffView::moveCurrent(int rows)
{
    if (rowCount() == 0)
        return;
    Side side = Side::Right;
    int row = rowOfLine(m_currentLine);
    if (m_mode == Mode::SideBySide && row >= 0) {
        const UnifiedDiff::SideBySideRow &current = m_sideRows.at(row);
        if (current.left == m_currentLine && current.right != m_currentLine)
            side = Side::Left;
    }
    row = std::clamp(row < 0 ? 0 : row + rows, 0, rowCount() - 1);
    setCurrentLine(lineOnRow(row, side));
}

void DiffView::emitTopFileIfChanged()
{
    const int top = fileAtTop();
    if (top != m_lastTopFile) {
        m_lastTopFile = top;
        Q_EMIT topFileChanged(top);
    }
}

int DiffView::lineAt(const QPoint &position) const
{
    const int row = rowAt(position.y());
    if (row < 0)
        return -1;
    return lineOnRow(row, position.x() < viewport()->width() / 2 ? Side::Left : Side::Right);
}

// --- Events

void DiffView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    layoutEditor();
}

void DiffView::scrollContentsBy(int, int)
{
    layoutEditor();
    viewport()->update();
    emitTopFileIfChanged();
}

void DiffView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColours();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateMetrics();
}

void DiffView::keyPressEvent(QKeyEvent *event)
{
    const bool plain = (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    const int page = std::max(1, lastVisibleRow() - firstVisibleRow());
    switch (event->key()) {
    case Qt::Key_Down:
        moveCurrent(1);
        return;
    case Qt::Key_Up:
        moveCurrent(-1);
        return;
    case Qt::Key_PageDown:
        moveCurrent(page);
        return;
    case Qt::Key_PageUp:
        moveCurrent(-page);
        return;
    case Qt::Key_Home:
        moveCurrent(-rowCount());
        return;
    case Qt::Key_End:
        moveCurrent(rowCount());
        return;
    case Qt::Key_Left:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Right:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_J:
    case Qt::Key_N:
        if (plain) {
            nextFile();
            return;
        }
        break;
    case Qt::Key_K:
    case Qt::Key_P:
        if (plain) {
            previousFile();
            return;
        }
        break;
    case Qt::Key_C:
        if (plain && m_commentsEnabled) {
            startComment();
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void DiffView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    const int line = lineAt(event->position().toPoint());
    if (line >= 0)
        setCurrentLine(line);
    event->accept();
}

void DiffView::mouseReleaseEvent(QMouseEvent *event)
{
    // The press did the work; the release is this view's too.
    event->accept();
}

void DiffView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int line = lineAt(event->position().toPoint());
    if (line >= 0 && m_commentsEnabled)
        startComment(line);
    event->accept();
}

bool DiffView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_diff) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int line = lineAt(help->pos());
        if (hasComment(line)) {
            const UnifiedDiff::Line &entry = m_diff->lines().at(line);
            QToolTip::showText(help->globalPos(),
                               m_comments.value(commentKey(entry.file, entry.newNumber)).join(u"\n\n"_s),
                               viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

// --- Painting

void DiffView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), m_colours.base);
    if (rowCount() == 0) {
        painter.setPen(m_colours.muted);
        painter.drawText(viewport()->rect().adjusted(padding, padding, -padding, -padding),
                         Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const int scroll = verticalScrollBar()->value();
    const int height = viewport()->height();
    for (int row = firstVisibleRow(); row >= 0 && row < rowCount(); ++row) {
        const int top = rowTop(row) - scroll;
        if (top >= height)
            break;
        if (m_mode == Mode::Unified)
            paintUnifiedRow(painter, row, top);
        else
            paintSideBySideRow(painter, row, top);
    }
    if (m_mode == Mode::SideBySide) {
        painter.setPen(m_colours.fileHeader.darker(115));
        const int middle = viewport()->width() / 2;
        painter.drawLine(middle, 0, middle, height);
    }
}

void DiffView::paintUnifiedRow(QPainter &painter, int row, int top) const
{
    const UnifiedDiff::Line &line = m_diff->lines().at(row);
    const QRect rect(0, top, viewport()->width(), m_lineHeight);
    if (!isCode(line.kind)) {
        paintHeader(painter, line, rect);
    } else {
        const Colours &c = m_colours;
        const int number = numberWidth();
        const QColor gutterFill = line.kind == Kind::Added ? c.addedGutter
            : line.kind == Kind::Removed                   ? c.removedGutter
                                                           : c.gutter;
        painter.fillRect(QRect(0, top, 2 * number, m_lineHeight), gutterFill);
        painter.setFont(m_font);
        painter.setPen(c.gutterText);
        if (line.oldNumber > 0)
            painter.drawText(QRect(0, top, number - padding, m_lineHeight), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(line.oldNumber));
        if (line.newNumber > 0)
            painter.drawText(QRect(number, top, number - padding, m_lineHeight),
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(line.newNumber));
        paintCode(painter, row, QRect(2 * number, top, rect.width() - 2 * number, m_lineHeight), 0, false);
    }
    if (row == m_currentLine) {
        QColor outline = m_colours.current;
        painter.fillRect(QRect(0, top, 3, m_lineHeight), outline);
        outline.setAlphaF(0.18f);
        painter.fillRect(rect, outline);
    }
}

void DiffView::paintSideBySideRow(QPainter &painter, int row, int top) const
{
    const UnifiedDiff::SideBySideRow &side = m_sideRows.at(row);
    const int width = viewport()->width();
    if (side.left == side.right && side.left >= 0 && !isCode(m_diff->lines().at(side.left).kind)) {
        paintHeader(painter, m_diff->lines().at(side.left), QRect(0, top, width, m_lineHeight));
        if (side.left == m_currentLine) {
            QColor outline = m_colours.current;
            painter.fillRect(QRect(0, top, 3, m_lineHeight), outline);
            outline.setAlphaF(0.18f);
            painter.fillRect(QRect(0, top, width, m_lineHeight), outline);
        }
        return;
    }
    const int half = width / 2;
    const QRect left(0, top, half, m_lineHeight);
    const QRect right(half + 1, top, width - half - 1, m_lineHeight);
    const auto paintSide = [&](int lineIndex, const QRect &rect, bool newSide) {
        if (lineIndex < 0) {
            painter.fillRect(rect, m_colours.emptySide);
            return;
        }
        const UnifiedDiff::Line &line = m_diff->lines().at(lineIndex);
        const int number = newSide ? line.newNumber : line.oldNumber;
        paintCode(painter, lineIndex, rect, number, true);
        if (lineIndex == m_currentLine) {
            QColor outline = m_colours.current;
            painter.fillRect(QRect(rect.x(), top, 3, m_lineHeight), outline);
            outline.setAlphaF(0.18f);
            painter.fillRect(rect, outline);
        }
    };
    paintSide(side.left, left, false);
    // A context line shows on both sides, with its old and new numbers.
    paintSide(side.right, right, true);
}

void DiffView::paintHeader(QPainter &painter, const UnifiedDiff::Line &line, const QRect &rect) const
{
    const Colours &c = m_colours;
    const UnifiedDiff::File &file = m_diff->files().at(line.file);
    switch (line.kind) {
    case Kind::FileHeader: {
        painter.fillRect(rect, c.fileHeader);
        painter.setPen(c.muted);
        painter.drawLine(rect.topLeft(), rect.topRight());
        painter.setFont(m_boldFont);
        painter.setPen(c.text);
        const QFontMetrics bold(m_boldFont);
        QString title = file.path();
        if (file.status == UnifiedDiff::FileStatus::Renamed || file.status == UnifiedDiff::FileStatus::Copied)
            title = file.oldPath + u" → "_s + file.newPath;
        int x = rect.x() + padding;
        const int baseline = rect.y() + (rect.height() - bold.height()) / 2 + bold.ascent();
        painter.drawText(x, baseline, title);
        x += bold.horizontalAdvance(title) + 2 * padding;
        const QFontMetrics plain(font());
        painter.setFont(font());
        const QString added = u"+%1"_s.arg(file.added);
        const QString removed = u"−%1"_s.arg(file.removed);
        painter.setPen(c.added);
        painter.drawText(x, baseline, added);
        x += plain.horizontalAdvance(added) + padding;
        painter.setPen(c.removed);
        painter.drawText(x, baseline, removed);
        x += plain.horizontalAdvance(removed) + 2 * padding;
        painter.setPen(c.muted);
        painter.drawText(x, baseline, file.statusWord());
        break;
    }
    case Kind::HunkHeader: {
        painter.fillRect(rect, c.hunkHeader);
        painter.setFont(m_font);
        painter.setPen(c.muted);
        const int start = m_mode == Mode::Unified ? textStart(2 * numberWidth()) : textStart(numberWidth());
        QString text = line.text;
        if (!m_findText.isEmpty() && line.text.contains(m_findText, Qt::CaseInsensitive))
            paintText(painter, text, rect.x() + start, rect.y() + m_ascent, rect);
        else
            painter.drawText(rect.x() + start, rect.y() + m_ascent, text);
        break;
    }
    case Kind::Binary: {
        painter.fillRect(rect, c.emptySide);
        QFont italic = font();
        italic.setItalic(true);
        painter.setFont(italic);
        painter.setPen(c.muted);
        painter.drawText(rect.adjusted(textStart(numberWidth()), 0, 0, 0), Qt::AlignVCenter,
                         tr("Binary file: its contents are not shown (%1)").arg(file.statusWord()));
        break;
    }
    default:
        break;
    }
}

// One line of code in `rect`: in side-by-side its number first (withNumber),
// then the comment mark, the +/- marker and the text, scrolled sideways.
void DiffView::paintCode(QPainter &painter, int lineIndex, const QRect &rect, int number,
                         bool withNumber) const
{
    const Colours &c = m_colours;
    const UnifiedDiff::Line &line = m_diff->lines().at(lineIndex);
    QColor background = c.base;
    QColor gutterFill = c.gutter;
    QColor markerColour = c.muted;
    QChar marker = u' ';
    if (line.kind == Kind::Added) {
        background = c.addedBackground;
        gutterFill = c.addedGutter;
        markerColour = c.added;
        marker = u'+';
    } else if (line.kind == Kind::Removed) {
        background = c.removedBackground;
        gutterFill = c.removedGutter;
        markerColour = c.removed;
        marker = u'−';
    }
    int x = rect.x();
    painter.setFont(m_font);
    if (withNumber) {
        const int width = numberWidth();
        painter.fillRect(QRect(x, rect.y(), width, rect.height()), gutterFill);
        if (number > 0) {
            painter.setPen(c.gutterText);
            painter.drawText(QRect(x, rect.y(), width - padding, rect.height()),
                             Qt::AlignRight | Qt::AlignVCenter, QString::number(number));
        }
        x += width;
    }
    painter.fillRect(QRect(x, rect.y(), rect.right() - x + 1, rect.height()), background);
    const int baseline = rect.y() + m_ascent;
    if (hasComment(lineIndex) && line.kind != Kind::Removed) {
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(c.comment);
        const qreal radius = std::min(m_lineHeight, m_charWidth * 2) * 0.32;
        painter.drawEllipse(QPointF(x + m_charWidth, rect.y() + rect.height() / 2.0), radius, radius);
        painter.restore();
    }
    if (line.kind == Kind::NoNewline) {
        QFont italic = m_font;
        italic.setItalic(true);
        painter.setFont(italic);
        painter.setPen(c.muted);
        painter.drawText(x + textStart(0), baseline, u"↵ "_s + tr("No newline at end of file"));
        return;
    }
    painter.setPen(markerColour);
    painter.drawText(x + m_charWidth * 2 - m_charWidth / 2, baseline, QString(marker));
    const int textX = x + textStart(0);
    const QRect clip(textX, rect.y(), rect.right() - textX + 1, rect.height());
    painter.setPen(c.text);
    const QString text = expandTabs(line.text);
    paintText(painter, text, textX - horizontalScrollBar()->value(), baseline, clip);
    if (hasComment(lineIndex) && line.kind != Kind::Removed) {
        // The comment itself, where the line leaves room for it, so a
        // reviewer reads the remarks with the code (the full text on hover).
        const int codeEnd = textX - horizontalScrollBar()->value() + int(text.size() + 2) * m_charWidth;
        const int left = std::max(codeEnd, textX + clip.width() / 2);
        const int width = rect.right() - padding - left;
        if (width > 8 * m_charWidth) {
            QFont italic = font();
            italic.setItalic(true);
            painter.setFont(italic);
            painter.setPen(c.comment);
            const QStringList texts = m_comments.value(commentKey(line.file, line.newNumber));
            const QString note =
                QFontMetrics(italic).elidedText(texts.join(u" · "_s).simplified(), Qt::ElideRight, width);
            painter.drawText(QRect(left, rect.y(), width, rect.height()), Qt::AlignRight | Qt::AlignVCenter,
                             note);
        }
    }
}

// Draws the part of `text` inside `clip`, with find matches highlighted.
void DiffView::paintText(QPainter &painter, const QString &text, int x, int baseline, const QRect &clip) const
{
    if (text.isEmpty())
        return;
    painter.save();
    painter.setClipRect(clip);
    // Only the characters that can show: a 5,000-character line costs as much as a short one.
    const int firstColumn = std::max(0, (clip.left() - x) / m_charWidth - 1);
    const int columns = clip.width() / m_charWidth + 3;
    if (!m_findText.isEmpty()) {
        qsizetype at = text.indexOf(m_findText, 0, Qt::CaseInsensitive);
        while (at >= 0) {
            painter.fillRect(QRect(x + int(at) * m_charWidth, clip.y() + 1,
                                   int(m_findText.size()) * m_charWidth, clip.height() - 2),
                             m_colours.match);
            at = text.indexOf(m_findText, at + m_findText.size(), Qt::CaseInsensitive);
        }
    }
    if (firstColumn < text.size())
        painter.drawText(x + firstColumn * m_charWidth, baseline, text.mid(firstColumn, columns));
    painter.restore();
}

} // namespace delegate::ui
