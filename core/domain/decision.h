// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"
#include "fielderror.h"
#include "role.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace delegate {

class JsonReader;

// A person's answer to a checkpoint or verdict on an artifact.
struct Decision
{
    enum class Verdict { Approve, Reject, Answer, RequestChanges };

    // A review remark on one line of one file of a patch.
    struct LineComment
    {
        QString file;
        int line = 0; // 1-based, in the new version of the file
        QString text;

        QJsonObject toJson() const;
        static LineComment read(JsonReader &reader);
        friend bool operator==(const LineComment &, const LineComment &) = default;
    };

    QString checkpointId;
    QString decider; // "user:<name>": only people decide
    Role role = Role::Reviewer;
    Verdict verdict = Verdict::Answer;
    QString text; // the answer, or the reason
    QDateTime decidedAt;
    QList<LineComment> comments;

    QJsonObject toJson() const;
    static std::optional<Decision> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    static Decision read(JsonReader &reader);

    friend bool operator==(const Decision &, const Decision &) = default;
};

template<> std::span<const EnumName<Decision::Verdict>> enumNames<Decision::Verdict>();

} // namespace delegate
