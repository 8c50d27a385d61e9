// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcommands.h"

#include "domain/jsonreader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString firstError(const QString &prefix, const FieldErrors &errors)
{
    return errors.isEmpty() ? prefix : prefix + u": "_s + errors.constFirst().toString();
}

} // namespace

std::optional<SubmitRequest> SubmitRequest::fromJson(const QJsonObject &json, QString *error)
{
    SubmitRequest request;
    if (!json.value("task"_L1).isObject()) {
        *error = u"params.task must be the task as a JSON object (delegatectl task show --json prints one)"_s;
        return std::nullopt;
    }
    FieldErrors errors;
    const auto task = TaskSpec::fromJson(json.value("task"_L1).toObject(), &errors);
    if (!task) {
        *error = firstError(u"params.task is not a valid task"_s, errors);
        return std::nullopt;
    }
    request.task = *task;
    if (!json.value("environment"_L1).isObject()) {
        *error = u"params.environment must be the environment profile as a JSON object"_s;
        return std::nullopt;
    }
    const auto environment = EnvironmentProfile::fromJson(json.value("environment"_L1).toObject(), &errors);
    if (!environment) {
        *error = firstError(u"params.environment is not a valid environment"_s, errors);
        return std::nullopt;
    }
    request.environment = *environment;
    if (json.value("skill"_L1).isObject()) {
        const auto skill = Skill::fromJson(json.value("skill"_L1).toObject(), &errors);
        if (!skill) {
            *error = firstError(u"params.skill is not a valid skill"_s, errors);
            return std::nullopt;
        }
        request.skill = *skill;
    }
    request.attempts = json.value("attempts"_L1).toInt(0);
    request.priority = json.value("priority"_L1).toInt(0);
    request.batchId = json.value("batch_id"_L1).toString();
    if (json.contains("batch_budget_usd"_L1)) {
        if (!json.value("batch_budget_usd"_L1).isDouble()
            || json.value("batch_budget_usd"_L1).toDouble() < 0) {
            *error = u"params.batch_budget_usd must be a number of US dollars, 0 or more"_s;
            return std::nullopt;
        }
        request.batchBudgetUsd = json.value("batch_budget_usd"_L1).toDouble();
    }
    return request;
}

std::optional<ReviewRequest> ReviewRequest::fromJson(const QJsonObject &json, QString *error)
{
    ReviewRequest request;
    const QString verdict = json.value("verdict"_L1).toString();
    if (verdict == "approve"_L1) {
        request.verdict = Decision::Verdict::Approve;
    } else if (verdict == "changes"_L1 || verdict == "request_changes"_L1) {
        request.verdict = Decision::Verdict::RequestChanges;
    } else if (verdict == "reject"_L1) {
        request.verdict = Decision::Verdict::Reject;
    } else {
        *error = u"params.verdict must be \"approve\", \"changes\" or \"reject\", not \"%1\""_s.arg(verdict);
        return std::nullopt;
    }
    request.text = json.value("text"_L1).toString();
    request.version = json.value("version"_L1).toInt(0);
    const QJsonArray comments = json.value("comments"_L1).toArray();
    for (qsizetype i = 0; i < comments.size(); ++i) {
        const QJsonObject comment = comments.at(i).toObject();
        const int line = comment.value("line"_L1).toInt();
        if (comment.value("file"_L1).toString().isEmpty() || line < 1) {
            *error = u"params.comments[%1] needs a file and a line (1 or more)"_s.arg(i);
            return std::nullopt;
        }
        request.comments.append(
            { comment.value("file"_L1).toString(), line, comment.value("text"_L1).toString() });
    }
    return request;
}

std::optional<ActRequest> ActRequest::fromJson(const QJsonObject &json, QString *error)
{
    ActRequest request;
    request.dryRun = json.value("dry_run"_L1).toBool(false);
    if (!json.value("actions"_L1).isArray()) {
        *error = u"params.actions must be a list of {\"kind\", \"parameters\"} (an empty list completes the "
                 "run without actions)"_s;
        return std::nullopt;
    }
    const QJsonArray actions = json.value("actions"_L1).toArray();
    for (qsizetype i = 0; i < actions.size(); ++i) {
        const QJsonObject action = actions.at(i).toObject();
        if (action.value("kind"_L1).toString().isEmpty()) {
            *error = u"params.actions[%1] needs a kind, such as \"git.branch\""_s.arg(i);
            return std::nullopt;
        }
        request.steps.append(
            { action.value("kind"_L1).toString(), action.value("parameters"_L1).toObject() });
    }
    return request;
}

} // namespace delegate
