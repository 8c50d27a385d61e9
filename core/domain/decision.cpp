// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision.h"

#include "jsonreader.h"
#include "jsonwrite.h"

#include <limits>

namespace delegate {

template<> std::span<const EnumName<Decision::Verdict>> enumNames<Decision::Verdict>()
{
    static constexpr EnumName<Decision::Verdict> names[] = {
        { Decision::Verdict::Approve, QLatin1StringView("approve") },
        { Decision::Verdict::Reject, QLatin1StringView("reject") },
        { Decision::Verdict::Answer, QLatin1StringView("answer") },
        { Decision::Verdict::RequestChanges, QLatin1StringView("request_changes") },
    };
    return names;
}

QJsonObject Decision::LineComment::toJson() const
{
    return {
        { QLatin1String("file"), file },
        { QLatin1String("line"), line },
        { QLatin1String("text"), text },
    };
}

Decision::LineComment Decision::LineComment::read(JsonReader &reader)
{
    LineComment comment;
    comment.file = reader.text(QLatin1StringView("file"), JsonReader::Need::Required);
    comment.line = int(reader
                           .integer(QLatin1StringView("line"), 1, std::numeric_limits<int>::max(),
                                    JsonReader::Need::Required)
                           .value_or(1));
    comment.text = reader.text(QLatin1StringView("text"));
    reader.finish();
    return comment;
}

QJsonObject Decision::toJson() const
{
    QJsonObject json {
        { QLatin1String("checkpoint_id"), checkpointId },
        { QLatin1String("decider"), decider },
        { QLatin1String("role"), enumToString(role) },
        { QLatin1String("verdict"), enumToString(verdict) },
        { QLatin1String("text"), text },
        { QLatin1String("comments"), json::array(comments) },
    };
    json::insertTime(json, QLatin1StringView("decided_at"), decidedAt);
    return json;
}

std::optional<Decision> Decision::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    return readJsonObject<Decision>(json, errors);
}

Decision Decision::read(JsonReader &reader)
{
    Decision decision;
    decision.checkpointId = reader.text(QLatin1StringView("checkpoint_id"), JsonReader::Need::Required);
    decision.decider = reader.text(QLatin1StringView("decider"), JsonReader::Need::Required);
    const QLatin1StringView userPrefix("user:");
    if (reader.has(QLatin1StringView("decider"))
        && (!decision.decider.startsWith(userPrefix) || decision.decider.size() == userPrefix.size())) {
        reader.fail(QLatin1StringView("decider"),
                    QStringLiteral("expected `user:<name>` (only people decide checkpoints), got `%1`")
                        .arg(decision.decider));
    }
    decision.role = reader.enumeration<Role>(QLatin1StringView("role"), JsonReader::Need::Required)
                        .value_or(Role::Reviewer);
    decision.verdict = reader.enumeration<Verdict>(QLatin1StringView("verdict"), JsonReader::Need::Required)
                           .value_or(Verdict::Answer);
    decision.text = reader.text(QLatin1StringView("text"));
    decision.decidedAt = reader.time(QLatin1StringView("decided_at"));
    decision.comments = reader.list<LineComment>(QLatin1StringView("comments"), &LineComment::read);
    reader.finish();
    return decision;
}

} // namespace delegate
