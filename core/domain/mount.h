// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace delegate {

class JsonReader;

// A host directory the sandbox sees read-only (logs, runbooks, caches).
struct Mount
{
    QString hostPath;
    QString sandboxPath;

    QJsonObject toJson() const;
    static Mount read(JsonReader &reader);

    friend bool operator==(const Mount &, const Mount &) = default;
};

} // namespace delegate
