// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"
#include "fielderror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace delegate {

class JsonReader;

// A point where a run waits for a person. Only a human with the right role
// decides one (see Decision).
struct Checkpoint
{
    enum class Kind {
        Question, // the agent needs an answer to go on
        Plan, // the gate from investigation to action
        Action, // approval of what an approval releases
        Budget, // the run hit a limit and asks for more
    };
    enum class State { Open, Decided };

    QString id;
    QString runId;
    Kind kind = Kind::Question;
    QString prompt; // the question, or the one-line ask
    QString body; // Markdown detail: the plan, the proposed action
    QStringList options; // choices offered, if any; free text otherwise
    State state = State::Open;
    QDateTime createdAt;

    QJsonObject toJson() const;
    static std::optional<Checkpoint> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);
    static Checkpoint read(JsonReader &reader);

    friend bool operator==(const Checkpoint &, const Checkpoint &) = default;
};

template<> std::span<const EnumName<Checkpoint::Kind>> enumNames<Checkpoint::Kind>();
template<> std::span<const EnumName<Checkpoint::State>> enumNames<Checkpoint::State>();

} // namespace delegate
