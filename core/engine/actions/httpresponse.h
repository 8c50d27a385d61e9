// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace delegate {

// How an HTTP request ended: an answer (any status), no answer in time, or no
// connection at all.
struct HttpResponse
{
    enum class Outcome { Answered, TimedOut, Unreachable };

    Outcome outcome = Outcome::Unreachable;
    int status = 0;
    QByteArray body;
    QByteArray location; // of a redirect
    QString networkError; // for Unreachable, with secrets masked

    bool succeeded() const { return outcome == Outcome::Answered && status >= 200 && status < 300; }
    // The body as a JSON object; empty when it is none.
    QJsonObject json() const;
    // The body as text for a message: trimmed and cut to a readable length.
    QString excerpt() const;
};

} // namespace delegate
