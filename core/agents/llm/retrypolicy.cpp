// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace delegate::llm {

std::chrono::milliseconds RetryPolicy::delayFor(int attempt,
                                                std::optional<std::chrono::milliseconds> serverHint) const
{
    if (serverHint)
        return std::clamp(*serverHint, std::chrono::milliseconds { 0 }, maxBackoff);
    const double exponential = double(initialBackoff.count()) * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(exponential, double(maxBackoff.count()));
    const double spread = capped * jitter * (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0);
    return std::chrono::milliseconds { qint64(std::max(0.0, capped + spread)) };
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &retryAfterMs,
                                                         const QByteArray &retryAfter, const QDateTime &now)
{
    bool ok = false;
    if (!retryAfterMs.isEmpty()) {
        const double ms = retryAfterMs.trimmed().toDouble(&ok);
        if (ok && ms >= 0)
            return std::chrono::milliseconds { qint64(std::ceil(ms)) };
    }
    if (retryAfter.isEmpty())
        return std::nullopt;
    const double seconds = retryAfter.trimmed().toDouble(&ok);
    if (ok && seconds >= 0)
        return std::chrono::milliseconds { qint64(std::ceil(seconds * 1000.0)) };
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QString text = QString::fromLatin1(retryAfter.trimmed());
    QDateTime when = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeZone(QTimeZone::utc());
    return std::chrono::milliseconds { std::max<qint64>(0, now.msecsTo(when)) };
}

} // namespace delegate::llm
