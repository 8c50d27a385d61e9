// SPDX-License-Identifier: GPL-3.0-or-later
#include "unifieddiff.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

// "a/src/x.cpp" → "src/x.cpp"; "/dev/null" stays; a plain diff's
// "x.cpp\t2024-05-01 12:00" loses its timestamp.
QString stripPath(QStringView path)
{
    const qsizetype tab = path.indexOf(u'\t');
    if (tab >= 0)
        path = path.left(tab);
    if (path.size() >= 2 && path.startsWith(u'"') && path.endsWith(u'"'))
        path = path.mid(1, path.size() - 2);
    if (path == u"/dev/null")
        return path.toString();
    if (path.startsWith(u"a/") || path.startsWith(u"b/"))
        path = path.mid(2);
    return path.toString();
}

// "diff --git a/x b/x": without renames both halves are the same, which
// finds the split even when the path holds " b/".
std::pair<QString, QString> gitHeaderPaths(QStringView rest)
{
    if (rest.startsWith(u"a/") && rest.size() % 2 == 1) {
        const qsizetype half = rest.size() / 2;
        const QStringView left = rest.left(half);
        const QStringView right = rest.mid(half + 1);
        if (rest.at(half) == u' ' && right.startsWith(u"b/") && left.mid(2) == right.mid(2))
            return { left.mid(2).toString(), right.mid(2).toString() };
    }
    const qsizetype split = rest.indexOf(u" b/");
    if (split < 0)
        return { stripPath(rest), stripPath(rest) };
    return { stripPath(rest.left(split)), stripPath(rest.mid(split + 1)) };
}

bool readNumber(QStringView text, qsizetype &at, int *number)
{
    const qsizetype start = at;
    while (at < text.size() && text.at(at).isDigit())
        ++at;
    if (at == start)
        return false;
    bool ok = false;
    *number = text.mid(start, at - start).toInt(&ok);
    return ok;
}

// "@@ -1,3 +1,4 @@ section": counts default to 1 when left out.
bool parseHunkHeader(QStringView line, UnifiedDiff::Hunk *hunk)
{
    if (!line.startsWith(u"@@ -"))
        return false;
    qsizetype at = 4;
    if (!readNumber(line, at, &hunk->oldStart))
        return false;
    hunk->oldCount = 1;
    if (at < line.size() && line.at(at) == u',') {
        ++at;
        if (!readNumber(line, at, &hunk->oldCount))
            return false;
    }
    if (!line.mid(at).startsWith(u" +"))
        return false;
    at += 2;
    if (!readNumber(line, at, &hunk->newStart))
        return false;
    hunk->newCount = 1;
    if (at < line.size() && line.at(at) == u',') {
        ++at;
        if (!readNumber(line, at, &hunk->newCount))
            return false;
    }
    if (!line.mid(at).startsWith(u" @@"))
        return false;
    hunk->section = line.mid(at + 3).trimmed().toString();
    return true;
}

int displayWidth(QStringView text)
{
    return int(text.size() + 3 * text.count(u'\t'));
}

} // namespace

QString UnifiedDiff::File::path() const
{
    if (status == FileStatus::Deleted || newPath.isEmpty() || newPath == "/dev/null"_L1)
        return oldPath;
    return newPath;
}

QString UnifiedDiff::File::statusWord() const
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("UnifiedDiff", text);
    };
    QString word;
    switch (status) {
    case FileStatus::Modified:
        word = tr("modified");
        break;
    case FileStatus::Added:
        word = tr("new file");
        break;
    case FileStatus::Deleted:
        word = tr("deleted");
        break;
    case FileStatus::Renamed:
        word = tr("renamed");
        break;
    case FileStatus::Copied:
        word = tr("copied");
        break;
    }
    if (binary)
        word += u", "_s + tr("binary");
    if (status == FileStatus::Modified && !oldMode.isEmpty() && !newMode.isEmpty() && oldMode != newMode)
        word += u", "_s + tr("mode %1 → %2").arg(oldMode, newMode);
    return word;
}

UnifiedDiff UnifiedDiff::parse(QStringView text)
{
    UnifiedDiff diff;
    File *file = nullptr;
    int oldLeft = 0;
    int newLeft = 0;
    int oldNumber = 0;
    int newNumber = 0;
    bool inHunk = false;
    bool inBinaryPatch = false; // "GIT binary patch" data runs until the next file
    bool sawOldPath = false;

    const auto startFile = [&] {
        if (file)
            file->lineCount = int(diff.m_lines.size()) - file->firstLine;
        diff.m_files.append(File {});
        file = &diff.m_files.last();
        file->firstLine = int(diff.m_lines.size());
        diff.m_lines.append(Line { LineKind::FileHeader, int(diff.m_files.size() - 1), 0, 0, {} });
        inHunk = false;
        inBinaryPatch = false;
        sawOldPath = false;
    };
    const auto append = [&](LineKind kind, int oldNo, int newNo, QStringView body) {
        diff.m_lines.append(Line { kind, int(diff.m_files.size() - 1), oldNo, newNo, body.toString() });
        diff.m_longestLine = std::max(diff.m_longestLine, displayWidth(body));
    };

    qsizetype position = 0;
    while (position < text.size()) {
        qsizetype end = text.indexOf(u'\n', position);
        if (end < 0)
            end = text.size();
        QStringView line = text.mid(position, end - position);
        position = end + 1;
        if (line.endsWith(u'\r'))
            line.chop(1);

        if (inHunk) {
            if (line.startsWith(u'\\')) {
                append(LineKind::NoNewline, 0, 0, line.mid(1).trimmed());
                continue;
            }
            // Some tools strip the space of an empty context line.
            const QChar marker = line.isEmpty() ? u' ' : line.at(0);
            if (marker == u' ' && oldLeft > 0 && newLeft > 0) {
                append(LineKind::Context, oldNumber++, newNumber++,
                       line.mid(std::min<qsizetype>(1, line.size())));
                --oldLeft;
                --newLeft;
            } else if (marker == u'-' && oldLeft > 0) {
                append(LineKind::Removed, oldNumber++, 0, line.mid(1));
                --oldLeft;
                ++file->removed;
            } else if (marker == u'+' && newLeft > 0) {
                append(LineKind::Added, 0, newNumber++, line.mid(1));
                --newLeft;
                ++file->added;
            } else {
                // The counts say the hunk is over; read the line as a header.
                inHunk = false;
            }
            if (inHunk) {
                diff.m_largestLineNumber =
                    std::max({ diff.m_largestLineNumber, oldNumber - 1, newNumber - 1 });
                if (oldLeft == 0 && newLeft == 0)
                    inHunk = false;
                continue;
            }
        }
        if (line.startsWith(u'\\') && file && !diff.m_lines.isEmpty()) {
            // The marker after the hunk's last line.
            const LineKind last = diff.m_lines.constLast().kind;
            if (last == LineKind::Context || last == LineKind::Added || last == LineKind::Removed)
                append(LineKind::NoNewline, 0, 0, line.mid(1).trimmed());
            continue;
        }
        if (line.startsWith(u"diff --git ")) {
            startFile();
            const auto [oldPath, newPath] = gitHeaderPaths(line.mid(11));
            file->oldPath = oldPath;
            file->newPath = newPath;
            continue;
        }
        if (inBinaryPatch)
            continue;
        if (line.startsWith(u"diff ")) {
            startFile();
            continue;
        }
        if (line.startsWith(u"--- ")) {
            // A plain diff has no "diff" line: "---" opens the next file.
            if (!file || sawOldPath || !file->hunks.isEmpty())
                startFile();
            sawOldPath = true;
            const QString path = stripPath(line.mid(4));
            if (path == "/dev/null"_L1) {
                file->status = FileStatus::Added;
            } else {
                file->oldPath = path;
                if (file->newPath.isEmpty())
                    file->newPath = path;
            }
            continue;
        }
        if (line.startsWith(u"+++ ") && file) {
            const QString path = stripPath(line.mid(4));
            if (path == "/dev/null"_L1) {
                file->status = FileStatus::Deleted;
            } else {
                file->newPath = path;
                if (file->oldPath.isEmpty())
                    file->oldPath = path;
            }
            continue;
        }
        if (line.startsWith(u"@@ ")) {
            Hunk hunk;
            if (!parseHunkHeader(line, &hunk))
                continue;
            if (!file)
                startFile();
            hunk.firstLine = int(diff.m_lines.size());
            file->hunks.append(hunk);
            append(LineKind::HunkHeader, 0, 0, line);
            oldNumber = hunk.oldStart;
            newNumber = hunk.newStart;
            oldLeft = hunk.oldCount;
            newLeft = hunk.newCount;
            inHunk = oldLeft > 0 || newLeft > 0;
            continue;
        }
        if (!file)
            continue; // a commit message or other preamble
        if (line.startsWith(u"new file mode ")) {
            file->status = FileStatus::Added;
            file->newMode = line.mid(14).toString();
        } else if (line.startsWith(u"deleted file mode ")) {
            file->status = FileStatus::Deleted;
            file->oldMode = line.mid(18).toString();
        } else if (line.startsWith(u"old mode ")) {
            file->oldMode = line.mid(9).toString();
        } else if (line.startsWith(u"new mode ")) {
            file->newMode = line.mid(9).toString();
        } else if (line.startsWith(u"rename from ")) {
            file->status = FileStatus::Renamed;
            file->oldPath = stripPath(line.mid(12));
        } else if (line.startsWith(u"rename to ")) {
            file->status = FileStatus::Renamed;
            file->newPath = stripPath(line.mid(10));
        } else if (line.startsWith(u"copy from ")) {
            file->status = FileStatus::Copied;
            file->oldPath = stripPath(line.mid(10));
        } else if (line.startsWith(u"copy to ")) {
            file->status = FileStatus::Copied;
            file->newPath = stripPath(line.mid(8));
        } else if (line.startsWith(u"Binary files ") || line == u"GIT binary patch") {
            file->binary = true;
            inBinaryPatch = line == u"GIT binary patch";
            append(LineKind::Binary, 0, 0, line);
        }
    }
    if (file)
        file->lineCount = int(diff.m_lines.size()) - file->firstLine;
    for (const File &each : std::as_const(diff.m_files)) {
        diff.m_totalAdded += each.added;
        diff.m_totalRemoved += each.removed;
        diff.m_longestLine = std::max(diff.m_longestLine, int(each.path().size() + each.oldPath.size() + 24));
    }
    return diff;
}

int UnifiedDiff::lineOfNewNumber(int file, int newNumber) const
{
    if (file < 0 || file >= m_files.size() || newNumber < 1)
        return -1;
    const File &entry = m_files.at(file);
    // Hunks are in order: find the one that holds the number, then walk it.
    for (const Hunk &hunk : entry.hunks) {
        if (newNumber < hunk.newStart || newNumber >= hunk.newStart + std::max(1, hunk.newCount))
            continue;
        const int end = entry.firstLine + entry.lineCount;
        for (int index = hunk.firstLine + 1; index < end; ++index) {
            const Line &line = m_lines.at(index);
            if (line.kind == LineKind::HunkHeader)
                break;
            if (line.newNumber == newNumber)
                return index;
        }
    }
    return -1;
}

int UnifiedDiff::fileIndex(const QString &path) const
{
    for (qsizetype i = 0; i < m_files.size(); ++i) {
        if (m_files.at(i).path() == path || m_files.at(i).newPath == path)
            return int(i);
    }
    return -1;
}

QList<UnifiedDiff::SideBySideRow> UnifiedDiff::sideBySideRows() const
{
    QList<SideBySideRow> rows;
    rows.reserve(m_lines.size());
    QList<int> removed;
    QList<int> added;
    // A run of removed lines followed by added lines becomes rows that pair
    // them up, so a changed line reads across from what it replaced.
    const auto flush = [&] {
        const qsizetype count = std::max(removed.size(), added.size());
        for (qsizetype i = 0; i < count; ++i)
            rows.append({ i < removed.size() ? removed.at(i) : -1, i < added.size() ? added.at(i) : -1 });
        removed.clear();
        added.clear();
    };
    for (int index = 0; index < int(m_lines.size()); ++index) {
        const Line &line = m_lines.at(index);
        switch (line.kind) {
        case LineKind::Removed:
            if (!added.isEmpty())
                flush();
            removed.append(index);
            break;
        case LineKind::Added:
            added.append(index);
            break;
        case LineKind::NoNewline: {
            // It belongs to the side of the line before it.
            const LineKind before = index > 0 ? m_lines.at(index - 1).kind : LineKind::Context;
            if (before == LineKind::Removed && added.isEmpty()) {
                removed.append(index);
            } else if (before == LineKind::Added) {
                added.append(index);
            } else {
                flush();
                rows.append({ index, index });
            }
            break;
        }
        default:
            flush();
            rows.append({ index, index });
            break;
        }
    }
    flush();
    return rows;
}

} // namespace delegate::ui
