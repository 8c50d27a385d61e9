// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace delegate::ui {

// A unified diff (git's, or plain `diff -u`) read once into files, hunks and
// one flat list of lines. Views page through the flat list by index, so a
// 20,000-line patch is parsed once and never re-read while scrolling.
class UnifiedDiff final
{
public:
    enum class LineKind : quint8 {
        FileHeader, // one per file, first of its lines; the file says what to show
        HunkHeader, // "@@ -1,3 +1,4 @@ section"
        Context,
        Added,
        Removed,
        NoNewline, // "\ No newline at end of file", about the line before it
        Binary, // a binary file's only line: its contents are not shown
    };

    struct Line
    {
        LineKind kind = LineKind::Context;
        int file = 0; // index into files()
        int oldNumber = 0; // 1-based; 0 when the line has none on that side
        int newNumber = 0;
        QString text; // without the +/-/space marker
    };

    struct Hunk
    {
        int oldStart = 0;
        int oldCount = 0;
        int newStart = 0;
        int newCount = 0;
        QString section; // what git prints after the second @@ (a function name)
        int firstLine = 0; // the hunk header's index in lines()
    };

    enum class FileStatus : quint8 { Modified, Added, Deleted, Renamed, Copied };

    struct File
    {
        QString oldPath;
        QString newPath;
        FileStatus status = FileStatus::Modified;
        bool binary = false;
        QString oldMode; // only when the mode changed or the file was added/deleted
        QString newMode;
        int added = 0;
        int removed = 0;
        QList<Hunk> hunks;
        int firstLine = 0; // its FileHeader's index in lines()
        int lineCount = 0; // header included

        // The path a reviewer knows it by: the new one, unless it was deleted.
        QString path() const;
        QString statusWord() const; // "modified", "new file", …
    };

    // A row of the side-by-side layout: indexes into lines(), -1 for an empty
    // side. Headers span both sides (left == right).
    struct SideBySideRow
    {
        int left = -1;
        int right = -1;
    };

    static UnifiedDiff parse(QStringView text);

    const QList<File> &files() const { return m_files; }
    const QList<Line> &lines() const { return m_lines; }
    bool isEmpty() const { return m_files.isEmpty(); }
    int totalAdded() const { return m_totalAdded; }
    int totalRemoved() const { return m_totalRemoved; }
    // The widest line in characters, tabs counted as four, for horizontal scrolling.
    int longestLine() const { return m_longestLine; }
    int largestLineNumber() const { return m_largestLineNumber; }

    // The index in lines() of a line of the new version, or -1.
    int lineOfNewNumber(int file, int newNumber) const;
    int fileIndex(const QString &path) const;

    // Removed lines face the added lines that replace them.
    QList<SideBySideRow> sideBySideRows() const;

private:
    QList<File> m_files;
    QList<Line> m_lines;
    int m_totalAdded = 0;
    int m_totalRemoved = 0;
    int m_longestLine = 0;
    int m_largestLineNumber = 0;
};

} // namespace delegate::ui
