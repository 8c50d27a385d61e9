// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayformat.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace delegate::ui::displayformat {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("displayformat", text, nullptr, n);
}

} // namespace

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const qint64 seconds = when.secsTo(now);
    if (seconds < 0)
        return tr("in the future");
    if (seconds < 45)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", int(std::max<qint64>(1, (seconds + 30) / 60)));
    if (seconds < 86400)
        return tr("%n h ago", int(seconds / 3600));
    if (seconds < 7 * 86400)
        return tr("%n day(s) ago", int(seconds / 86400));
    return QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat);
}

QString exactTime(const QDateTime &when)
{
    return when.isValid() ? when.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : QString();
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return u"%1 s"_s.arg(seconds);
    if (seconds < 3600)
        return u"%1 min"_s.arg(seconds / 60);
    return u"%1 h %2 min"_s.arg(seconds / 3600).arg(int((seconds % 3600) / 60), 2, 10, QLatin1Char('0'));
}

QString tokens(qint64 count)
{
    if (count < 1000)
        return QString::number(count);
    if (count < 1000000)
        return QString::number(double(count) / 1000.0, 'f', count < 100000 ? 1 : 0) + u'k';
    return QString::number(double(count) / 1000000.0, 'f', 1) + u'M';
}

QString cost(std::optional<double> usd)
{
    if (!usd)
        return u"—"_s;
    if (*usd > 0 && *usd < 0.01)
        return u"<$0.01"_s;
    return u"$"_s + QString::number(*usd, 'f', 2);
}

QDateTime parseTime(const QString &iso)
{
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(iso, Qt::ISODate);
    return time;
}

} // namespace delegate::ui::displayformat
