// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace delegate::ui {

// A reviewer's remark on one line of the new version of a patch, as
// runs.review takes it.
struct LineComment
{
    QString file;
    int line = 0;
    QString text;

    QJsonObject toJson() const
    {
        return { { QStringLiteral("file"), file },
                 { QStringLiteral("line"), line },
                 { QStringLiteral("text"), text } };
    }
    friend bool operator==(const LineComment &, const LineComment &) = default;
};

} // namespace delegate::ui
