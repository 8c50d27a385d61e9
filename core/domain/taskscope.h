// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QStringList>

namespace delegate {

class JsonReader;

// The surface a task may touch: a repository at a ref, narrowed to paths.
struct TaskScope
{
    QString repository; // a local path or a clone URL
    QString baseRef; // branch, tag or commit the work starts from
    QStringList include; // paths relative to the repository root
    QStringList exclude;

    bool isEmpty() const { return repository.isEmpty() && include.isEmpty(); }

    QJsonObject toJson() const;
    static TaskScope read(JsonReader &reader);

    friend bool operator==(const TaskScope &, const TaskScope &) = default;
};

} // namespace delegate
