// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace delegate::cli {

// One event of a run as one line for people (delegatectl watch): its time,
// actor, kind and the gist of its payload — the message, the tool and its
// arguments, a command's exit code, a state change and why.
class EventText final
{
public:
    static QString line(const QJsonObject &event);
    static QString summary(const QString &kind, const QJsonObject &payload);
};

} // namespace delegate::cli
