// SPDX-License-Identifier: GPL-3.0-or-later
#include "humanformat.h"

#include <QJsonArray>

namespace delegate::cli {

using namespace Qt::StringLiterals;

QString HumanFormat::tokens(qint64 count)
{
    const auto scaled = [](double value, const char *unit) -> QString {
        // One decimal while it says something: 12.4k, but 124k.
        const int decimals = value < 100 ? 1 : 0;
        QString text = QString::number(value, 'f', decimals);
        if (text.endsWith(u".0"_s))
            text.chop(2);
        return text + QLatin1String(unit);
    };
    if (count < 1000)
        return QString::number(count);
    if (count < 999'950)
        return scaled(double(count) / 1e3, "k");
    return scaled(double(count) / 1e6, "M");
}

QString HumanFormat::cost(double usd)
{
    if (usd <= 0)
        return u"-"_s;
    if (usd < 0.01)
        return u"<$0.01"_s;
    return u"$"_s + QString::number(usd, 'f', 2);
}

QString HumanFormat::age(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return u"-"_s;
    const qint64 seconds = std::max<qint64>(0, time.secsTo(now));
    if (seconds < 60)
        return QString::number(seconds) + u's';
    if (seconds < 3600)
        return QString::number(seconds / 60) + u'm';
    if (seconds < 86400)
        return QString::number(seconds / 3600) + u'h';
    return QString::number(seconds / 86400) + u'd';
}

QDateTime HumanFormat::parseTime(const QString &isoTime)
{
    return QDateTime::fromString(isoTime, Qt::ISODateWithMs);
}

QString HumanFormat::clock(const QString &isoTime)
{
    const QDateTime time = parseTime(isoTime);
    return time.isValid() ? time.toLocalTime().toString(u"HH:mm:ss"_s) : u"--:--:--"_s;
}

QString HumanFormat::dateTime(const QString &isoTime)
{
    const QDateTime time = parseTime(isoTime);
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : u"-"_s;
}

QString HumanFormat::oneLine(const QString &text, qsizetype width)
{
    const QString simple = text.simplified();
    if (simple.size() <= width)
        return simple;
    return simple.left(std::max<qsizetype>(0, width - 3)) + u"..."_s;
}

QString HumanFormat::agent(const QJsonObject &agent)
{
    const QString runtime = agent.value("runtime"_L1).toString(u"builtin"_s);
    const QString provider = agent.value("provider"_L1).toString();
    const QString model = agent.value("model"_L1).toString();
    if (runtime != "builtin"_L1)
        return model.isEmpty() ? runtime : runtime + u'/' + model;
    if (provider.isEmpty() && model.isEmpty())
        return u"default"_s;
    if (provider.isEmpty())
        return model;
    return model.isEmpty() ? provider : provider + u'/' + model;
}

QString HumanFormat::patchFiles(const QJsonObject &content)
{
    const QJsonArray files = content.value("files"_L1).toArray();
    qint64 added = 0;
    qint64 removed = 0;
    for (const QJsonValue &file : files) {
        added += file.toObject().value("added"_L1).toInteger();
        removed += file.toObject().value("removed"_L1).toInteger();
    }
    return u"%1 file%2, +%3 -%4"_s.arg(files.size())
        .arg(files.size() == 1 ? QString() : u"s"_s)
        .arg(added)
        .arg(removed);
}

QString HumanFormat::wrapped(const QString &text, qsizetype indent, qsizetype width)
{
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    QString result;
    qsizetype column = indent;
    for (const QString &word : words) {
        if (column > indent && column + 1 + word.size() > width) {
            result += u'\n' + QString(indent, u' ');
            column = indent;
        } else if (column > indent) {
            result += u' ';
            ++column;
        }
        result += word;
        column += word.size();
    }
    return result;
}

QString HumanFormat::indented(const QString &text, qsizetype indent)
{
    QStringList lines = text.trimmed().split(u'\n');
    for (qsizetype i = 1; i < lines.size(); ++i)
        lines[i] = QString(indent, u' ') + lines.at(i);
    return lines.join(u'\n');
}

QString HumanFormat::block(const QString &text, qsizetype indent, qsizetype width)
{
    const QStringList lines = text.trimmed().split(u'\n');
    QStringList wrappedLines;
    for (const QString &line : lines)
        wrappedLines.append(wrapped(line, indent, width));
    return wrappedLines.join(u'\n' + QString(indent, u' '));
}

} // namespace delegate::cli
