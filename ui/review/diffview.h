// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "linecomment.h"
#include "unifieddiff.h"

#include <QAbstractScrollArea>
#include <QHash>

#include <memory>

namespace delegate::ui {

class LineCommentEditor;

// A parsed diff, painted one visible row at a time with a uniform line
// height, so a 20,000-line patch opens and scrolls as fast as a 20-line one
// (a text document with 20,000 formatted blocks would lay out every one).
// Unified or side by side, with old and new line numbers, +/- colours drawn
// from the palette, find highlighting, and comments on lines of the new
// version written in an editor that opens under the line.
class DiffView final : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class Mode { Unified, SideBySide };
    Q_ENUM(Mode)

    explicit DiffView(QWidget *parent = nullptr);
    ~DiffView() override;

    // Shared, so views that show the same diff parse it once.
    void setDiff(std::shared_ptr<const UnifiedDiff> diff);
    const UnifiedDiff *diff() const { return m_diff.get(); }
    // What an empty view says.
    void setPlaceholderText(const QString &text);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    int rowCount() const;
    int firstVisibleRow() const;
    int lastVisibleRow() const;
    int rowOfLine(int line) const;

    // A line is an index into diff()->lines(); -1 when none.
    int currentLine() const { return m_currentLine; }
    void setCurrentLine(int line);
    int currentFile() const;
    int fileAtTop() const;
    void scrollToFile(int file);
    void nextFile();
    void previousFile();

    // Case-insensitive; every match is highlighted, findNext() moves to the next one and wraps.
    void setFindText(const QString &text);
    QString findText() const { return m_findText; }
    int matchCount() const { return int(m_matchLines.size()); }
    bool findNext(bool backwards = false);

    void setCommentsEnabled(bool enabled);
    bool commentsEnabled() const { return m_commentsEnabled; }
    // Lines that carry a comment get a mark in the gutter and the text on hover.
    void setCommentMarkers(const QList<LineComment> &comments);
    // Opens the editor under a line of the new version (the current line when
    // -1); false, with a hint, for a removed line or a header.
    bool startComment(int line = -1);
    bool isCommentEditorOpen() const;
    LineCommentEditor *commentEditor() const { return m_editor; }

Q_SIGNALS:
    void currentLineChanged(int line);
    // The file whose lines are at the top of the view changed (by scrolling or jumping).
    void topFileChanged(int file);
    void commentWritten(const delegate::ui::LineComment &comment);
    void modeChanged(delegate::ui::DiffView::Mode mode);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Colours
    {
        QColor base, text, muted, gutter, gutterText, fileHeader, hunkHeader, addedBackground,
            removedBackground, addedGutter, removedGutter, added, removed, current, match, emptySide, comment;
    };
    enum class Side { Left, Right, Both };

    void updateMetrics();
    void updateColours();
    void updateScrollBars();
    void layoutEditor();
    void closeEditor();
    void ensureRowVisible(int row, bool centre = false);
    void moveCurrent(int rows);
    void emitTopFileIfChanged();
    int rowTop(int row) const;
    int rowAt(int y) const; // viewport y → row; -1 in the editor's gap or past the end
    int lineAt(const QPoint &position) const;
    int lineOnRow(int row, Side preferred) const;
    int numberWidth() const;
    int textStart(int gutterWidth) const;
    int visibleTextWidth() const;
    bool hasComment(int line) const;

    void paintUnifiedRow(QPainter &painter, int row, int top) const;
    void paintSideBySideRow(QPainter &painter, int row, int top) const;
    void paintHeader(QPainter &painter, const UnifiedDiff::Line &line, const QRect &rect) const;
    void paintCode(QPainter &painter, int lineIndex, const QRect &rect, int number, bool withNumber) const;
    void paintText(QPainter &painter, const QString &text, int x, int baseline, const QRect &clip) const;

    std::shared_ptr<const UnifiedDiff> m_diff;
    QList<UnifiedDiff::SideBySideRow> m_sideRows;
    QList<int> m_sideRowOfLine;
    Mode m_mode = Mode::Unified;
    QString m_placeholder;
    Colours m_colours;
    QFont m_font;
    QFont m_boldFont;
    int m_lineHeight = 16;
    int m_charWidth = 8;
    int m_ascent = 12;
    int m_currentLine = -1;
    int m_lastTopFile = -1;
    QString m_findText;
    QList<int> m_matchLines;
    bool m_commentsEnabled = false;
    // (file index << 32 | new line number) → the comments' texts
    QHash<quint64, QStringList> m_comments;
    LineCommentEditor *m_editor;
    int m_editorLine = -1;
    int m_editorRow = -1;
    int m_editorGap = 0;
};

} // namespace delegate::ui
