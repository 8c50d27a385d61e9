// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fielderror.h"
#include "runstate.h"
#include "runusage.h"
#include "taskspec.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace delegate {

class JsonReader;

// One attempt of one task on one environment.
struct Run
{
    QString id;
    TaskSpec task; // as submitted; later edits of the task do not change it
    QString environment;
    int attemptIndex = 0; // 0-based within the attempt group
    QString attemptGroup; // the runs of one best-of-N submission share it
    QString batchId; // the runs submitted together as a batch share it
    RunState state = RunState::Queued;
    QString baseCommit; // the commit the workspace was made from, once provisioned
    QDateTime createdAt;
    QDateTime updatedAt;
    RunUsage usage;
    QString host; // where the sandbox runs: "local" or the SSH host

    QJsonObject toJson() const;
    static std::optional<Run> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    static Run read(JsonReader &reader);

    friend bool operator==(const Run &, const Run &) = default;
};

} // namespace delegate
