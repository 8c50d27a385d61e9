// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/actionrequest.h"

using namespace Qt::StringLiterals;

namespace delegate {

QJsonObject ActionRequest::toJson() const
{
    QJsonObject json {
        { u"run_id"_s, runId },
        { u"kind"_s, enumToString(kind) },
        { u"parameters"_s, parameters },
        { u"artifact"_s, artifact.toJson() },
    };
    if (!workspace.gitDir.isEmpty() || !workspace.path.isEmpty())
        json.insert(u"workspace"_s, workspace.toJson());
    return json;
}

std::optional<ActionRequest> ActionRequest::fromJson(const QJsonObject &json, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<ActionRequest> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    ActionRequest request;
    request.runId = json.value("run_id"_L1).toString();
    if (request.runId.isEmpty())
        return fail(u"run_id: expected the run's id"_s);
    const std::optional<ActionKind> kind = enumFromString<ActionKind>(json.value("kind"_L1).toString());
    if (!kind)
        return fail(u"kind: expected one of %1"_s.arg(enumNameList<ActionKind>().join(u", "_s)));
    request.kind = *kind;
    request.parameters = json.value("parameters"_L1).toObject();
    FieldErrors errors;
    std::optional<Artifact> artifact = Artifact::fromJson(json.value("artifact"_L1).toObject(), &errors);
    if (!artifact) {
        QStringList problems;
        for (const FieldError &problem : std::as_const(errors))
            problems.append(u"artifact."_s + problem.toString());
        return fail(problems.join(u"; "_s));
    }
    request.artifact = std::move(*artifact);
    if (json.contains("workspace"_L1))
        request.workspace = Workspace::fromJson(json.value("workspace"_L1).toObject());
    return request;
}

} // namespace delegate
