// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkpoint.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

template<> std::span<const EnumName<Checkpoint::Kind>> enumNames<Checkpoint::Kind>()
{
    static constexpr EnumName<Checkpoint::Kind> names[] = {
        { Checkpoint::Kind::Question, QLatin1StringView("question") },
        { Checkpoint::Kind::Plan, QLatin1StringView("plan") },
        { Checkpoint::Kind::Action, QLatin1StringView("action") },
        { Checkpoint::Kind::Budget, QLatin1StringView("budget") },
    };
    return names;
}

template<> std::span<const EnumName<Checkpoint::State>> enumNames<Checkpoint::State>()
{
    static constexpr EnumName<Checkpoint::State> names[] = {
        { Checkpoint::State::Open, QLatin1StringView("open") },
        { Checkpoint::State::Decided, QLatin1StringView("decided") },
    };
    return names;
}

QJsonObject Checkpoint::toJson() const
{
    QJsonObject json {
        { QLatin1String("id"), id },
        { QLatin1String("run_id"), runId },
        { QLatin1String("kind"), enumToString(kind) },
        { QLatin1String("prompt"), prompt },
        { QLatin1String("body"), body },
        { QLatin1String("options"), json::array(options) },
        { QLatin1String("state"), enumToString(state) },
    };
    json::insertTime(json, QLatin1StringView("created_at"), createdAt);
    return json;
}

std::optional<Checkpoint> Checkpoint::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    return readJsonObject<Checkpoint>(json, errors);
}

Checkpoint Checkpoint::read(JsonReader &reader)
{
    Checkpoint checkpoint;
    checkpoint.id = reader.text(QLatin1StringView("id"), JsonReader::Need::Required);
    checkpoint.runId = reader.text(QLatin1StringView("run_id"), JsonReader::Need::Required);
    checkpoint.kind = reader.enumeration<Kind>(QLatin1StringView("kind"), JsonReader::Need::Required)
                          .value_or(Kind::Question);
    checkpoint.prompt = reader.text(QLatin1StringView("prompt"));
    checkpoint.body = reader.text(QLatin1StringView("body"));
    checkpoint.options = reader.textList(QLatin1StringView("options"));
    checkpoint.state = reader.enumeration<State>(QLatin1StringView("state")).value_or(State::Open);
    checkpoint.createdAt = reader.time(QLatin1StringView("created_at"));
    reader.finish();
    return checkpoint;
}

} // namespace delegate
