// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loadresult.h"
#include "taskspec.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace delegate {

// Task files as people write them (docs/tasks.md). load(save(task)) == task,
// so a form can edit a file and write it back.
class TaskYaml final
{
public:
    static LoadResult<TaskSpec> load(const QString &path);
    static LoadResult<TaskSpec> parse(const QByteArray &text, const QString &fileName);
    // Limits come out as people write them: wall_time: 30m, tokens: 200k.
    static QByteArray save(const TaskSpec &task);
    // The tree save() writes, for files that hold a task inside them.
    static QJsonObject yamlTree(const TaskSpec &task);
    static const QHash<QString, QStringList> &keyOrder();
};

} // namespace delegate
