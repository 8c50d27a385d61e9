// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/actionexecutor.h"

#include "engine/actions/gitbranchaction.h"
#include "engine/actions/githubissuesaction.h"
#include "engine/actions/gitpushaction.h"
#include "engine/actions/linearissuesaction.h"
#include "engine/actions/pullrequestaction.h"
#include "engine/actions/reportfileaction.h"
#include "engine/actions/slackpostaction.h"

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QCoro::Task<ActionPreview> unknownKindPreview(ActionKind kind)
{
    ActionPreview preview;
    preview.kind = kind;
    preview.problems = { u"unknown action kind; expected one of %1"_s.arg(
        enumNameList<ActionKind>().join(u", "_s)) };
    co_return preview;
}

QCoro::Task<ActionResult> unknownKindResult(ActionKind kind)
{
    ActionResult result;
    result.kind = kind;
    result.message = u"Nothing was done: unknown action kind; expected one of %1."_s.arg(
        enumNameList<ActionKind>().join(u", "_s));
    co_return result;
}

} // namespace

ActionExecutor::ActionExecutor(const SecretSource &secrets, ActionSettings settings)
    : m_secrets(secrets)
    , m_settings(std::move(settings))
{ }

QString ActionExecutor::secretNameFor(ActionKind kind, const QJsonObject &parameters) const
{
    auto named = [&parameters](QLatin1StringView key, const QString &fallback) {
        const QString name = parameters.value(key).toString().trimmed();
        return name.isEmpty() ? fallback : name;
    };
    switch (kind) {
    case ActionKind::GitHubPullRequest:
    case ActionKind::GitHubIssues:
        return named("token_secret"_L1, m_settings.gitHubTokenSecret);
    case ActionKind::SlackPost:
        return named("webhook_secret"_L1, m_settings.slackWebhookSecret);
    case ActionKind::LinearIssues:
        return named("key_secret"_L1, m_settings.linearKeySecret);
    case ActionKind::GitBranch:
    case ActionKind::GitPush:
    case ActionKind::ReportWriteFile:
        break;
    }
    return {};
}

QList<ActionKind> ActionExecutor::kindsFor(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::Patch:
        return { ActionKind::GitBranch, ActionKind::GitPush, ActionKind::GitHubPullRequest,
                 ActionKind::SlackPost };
    case ArtifactKind::Report:
        return { ActionKind::ReportWriteFile, ActionKind::SlackPost };
    case ArtifactKind::Issues:
        return { ActionKind::GitHubIssues, ActionKind::LinearIssues, ActionKind::SlackPost };
    case ArtifactKind::Question:
        break;
    }
    return {};
}

ActionContext ActionExecutor::contextFor(const ActionRequest &request) const
{
    ActionContext context;
    context.settings = m_settings;
    context.secret.name = secretNameFor(request.kind, request.parameters);
    if (!context.secret.name.isEmpty()) {
        context.secret.value = m_secrets.value(context.secret.name);
        context.secret.howToSet = m_secrets.howToSet(context.secret.name);
    }
    return context;
}

// Neither preview() nor execute() is a coroutine: they look the secret up
// now and hand back the action's own task. (Throughout the actions, a task
// is made in one statement and awaited in the next: GCC 12 mishandles
// temporaries that live inside a co_await expression.)
QCoro::Task<ActionPreview> ActionExecutor::preview(ActionRequest request) const
{
    ActionContext context = contextFor(request);
    switch (request.kind) {
    case ActionKind::GitBranch:
        return GitBranchAction::preview(std::move(request), std::move(context));
    case ActionKind::GitPush:
        return GitPushAction::preview(std::move(request), std::move(context));
    case ActionKind::GitHubPullRequest:
        return PullRequestAction::preview(std::move(request), std::move(context));
    case ActionKind::ReportWriteFile:
        return ReportFileAction::preview(std::move(request), std::move(context));
    case ActionKind::SlackPost:
        return SlackPostAction::preview(std::move(request), std::move(context));
    case ActionKind::GitHubIssues:
        return GitHubIssuesAction::preview(std::move(request), std::move(context));
    case ActionKind::LinearIssues:
        return LinearIssuesAction::preview(std::move(request), std::move(context));
    }
    return unknownKindPreview(request.kind);
}

QCoro::Task<ActionResult> ActionExecutor::execute(ActionRequest request) const
{
    ActionContext context = contextFor(request);
    switch (request.kind) {
    case ActionKind::GitBranch:
        return GitBranchAction::execute(std::move(request), std::move(context));
    case ActionKind::GitPush:
        return GitPushAction::execute(std::move(request), std::move(context));
    case ActionKind::GitHubPullRequest:
        return PullRequestAction::execute(std::move(request), std::move(context));
    case ActionKind::ReportWriteFile:
        return ReportFileAction::execute(std::move(request), std::move(context));
    case ActionKind::SlackPost:
        return SlackPostAction::execute(std::move(request), std::move(context));
    case ActionKind::GitHubIssues:
        return GitHubIssuesAction::execute(std::move(request), std::move(context));
    case ActionKind::LinearIssues:
        return LinearIssuesAction::execute(std::move(request), std::move(context));
    }
    return unknownKindResult(request.kind);
}

} // namespace delegate
