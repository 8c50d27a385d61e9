// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace delegate::cli {

// How the engine commands write numbers, times and texts for people:
// compact enough for a table row, exact where it matters.
class HumanFormat final
{
public:
    // 950, 12.4k, 124k, 1.2M
    static QString tokens(qint64 count);
    // $0.75; "-" for nothing (the engine records 0 when it knows no price).
    static QString cost(double usd);
    // 45s, 12m, 3h, 5d: how long ago.
    static QString age(const QDateTime &time, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // An ISO 8601 time from the engine, as local HH:MM:SS.
    static QString clock(const QString &isoTime);
    // An ISO 8601 time from the engine, as local YYYY-MM-DD HH:MM.
    static QString dateTime(const QString &isoTime);
    static QDateTime parseTime(const QString &isoTime);
    // The text on one line, whitespace collapsed, cut to width with "...".
    static QString oneLine(const QString &text, qsizetype width);
    // "openai/gpt-4.1", "claude-code", "playbook": the agent of a task.
    static QString agent(const QJsonObject &agent);
    // "3 files, +12 -4" for a patch's content.
    static QString patchFiles(const QJsonObject &content);
    // The text wrapped to width, lines after the first indented.
    static QString wrapped(const QString &text, qsizetype indent, qsizetype width = 100);
    // Multi-line text with every line after the first indented.
    static QString indented(const QString &text, qsizetype indent);
    // Multi-line text, each line wrapped to width, every line after the
    // first indented: for a message printed after a prefix of indent columns.
    static QString block(const QString &text, qsizetype indent, qsizetype width = 110);
};

} // namespace delegate::cli
