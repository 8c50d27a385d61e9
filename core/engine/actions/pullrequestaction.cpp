// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/pullrequestaction.h"

#include "engine/actions/actionparameters.h"
#include "engine/actions/artifacttext.h"
#include "engine/actions/githubapi.h"
#include "engine/actions/githubtarget.h"
#include "engine/actions/requestchecks.h"
#include "engine/actions/serviceerrors.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

const QString kPermission = u"the Pull requests: write permission (classic tokens: the repo scope)"_s;

struct PullRequestPlan
{
    QStringList problems;
    QString repository;
    QString head;
    QString base;
    QString title;
    QString body;
    bool draft = false;
    HttpCall call;
};

bool isCommitId(const QString &ref)
{
    static const QRegularExpression hex(u"^[0-9a-f]{7,64}$"_s);
    return hex.match(ref).hasMatch();
}

// The branch a base ref names on the remote: "origin/main" and
// "refs/remotes/origin/main" are "main"; a commit id names no branch.
QString branchOfBaseRef(QString ref, const QString &remote)
{
    if (ref.isEmpty() || ref == "HEAD"_L1 || isCommitId(ref) || ref.startsWith("refs/tags/"_L1))
        return {};
    if (ref.startsWith("refs/heads/"_L1))
        return ref.mid(11);
    if (ref.startsWith("refs/remotes/"_L1))
        ref = ref.mid(13);
    const QString prefix = (remote.isEmpty() ? u"origin"_s : remote) + u'/';
    if (ref.startsWith(prefix))
        return ref.mid(prefix.size());
    return ref;
}

QCoro::Task<PullRequestPlan> plan(ActionRequest request, ActionContext context)
{
    PullRequestPlan plan;
    plan.problems = RequestChecks::artifact(request, { ArtifactKind::Patch });
    ActionParameters parameters(request.parameters);
    const QString repositoryParameter = parameters.text("repository"_L1);
    const QString remote = parameters.text("remote"_L1);
    plan.head = parameters.text("head"_L1);
    plan.base = parameters.text("base"_L1);
    plan.title = parameters.text("title"_L1);
    plan.body = parameters.text("body"_L1);
    plan.draft = parameters.boolean("draft"_L1, false);
    (void)parameters.text("token_secret"_L1); // read by the executor
    plan.problems += parameters.problems();

    if (plan.head.isEmpty())
        plan.head =
            request.workspace.branch.isEmpty() ? u"delegate/"_s + request.runId : request.workspace.branch;
    if (plan.base.isEmpty()) {
        plan.base = branchOfBaseRef(request.workspace.baseRef, remote);
        if (plan.base.isEmpty())
            plan.problems.append(
                u"parameters.base is missing and the run's base ref '%1' names no branch: give the "
                u"branch the pull request should merge into, such as main"_s.arg(request.workspace.baseRef));
    }
    if (plan.title.isEmpty())
        plan.title = ArtifactText::subject(request.artifact, request.runId, 120);
    if (plan.body.isEmpty())
        plan.body = ArtifactText::pullRequestBody(request.artifact, request.runId);

    auto targetTask =
        GitHubTarget::resolve(repositoryParameter, remote, request.workspace, context.settings.gitTimeout);
    const GitHubTarget::Resolved target = co_await std::move(targetTask);
    if (!target.problem.isEmpty())
        plan.problems.append(target.problem);
    plan.repository = target.repository ? target.repository->fullName() : u"<owner>/<name>"_s;
    if (!context.secret.value)
        plan.problems.append(ServiceErrors::missingSecret(
            context.secret, u"a GitHub token with %1 on %2"_s.arg(kPermission, plan.repository)));

    QJsonObject body {
        { u"title"_s, plan.title },
        { u"head"_s, plan.head },
        { u"base"_s, plan.base },
        { u"body"_s, plan.body },
    };
    if (plan.draft)
        body.insert(u"draft"_s, true);
    plan.call = GitHubApi::post(context.settings, context.secret.value.value_or(QString()),
                                u"/repos/%1/pulls"_s.arg(plan.repository), body, u"pull request"_s);
    co_return plan;
}

} // namespace

QCoro::Task<ActionPreview> PullRequestAction::preview(ActionRequest request, ActionContext context)
{
    auto pullRequestTask = plan(request, context);
    const PullRequestPlan pullRequest = co_await std::move(pullRequestTask);
    ActionPreview preview;
    preview.kind = ActionKind::GitHubPullRequest;
    preview.problems = pullRequest.problems;
    preview.ready = pullRequest.problems.isEmpty();
    preview.requests = { pullRequest.call.preview() };
    preview.details = QJsonObject {
        { u"repository"_s, pullRequest.repository },
        { u"head"_s, pullRequest.head },
        { u"base"_s, pullRequest.base },
        { u"title"_s, pullRequest.title },
        { u"body"_s, pullRequest.body },
        { u"draft"_s, pullRequest.draft },
    };
    preview.summary = u"Open a%1 pull request in %2 to merge %3 into %4, titled \"%5\"."_s.arg(
        pullRequest.draft ? u" draft"_s : QString(), pullRequest.repository, pullRequest.head,
        pullRequest.base, pullRequest.title);
    co_return preview;
}

QCoro::Task<ActionResult> PullRequestAction::execute(ActionRequest request, ActionContext context)
{
    ActionResult result;
    result.kind = ActionKind::GitHubPullRequest;
    auto pullRequestTask = plan(request, context);
    const PullRequestPlan pullRequest = co_await std::move(pullRequestTask);
    result.branch = pullRequest.head;
    if (!pullRequest.problems.isEmpty()) {
        result.message = u"No pull request was opened: "_s + pullRequest.problems.join(u"; "_s) + u'.';
        co_return result;
    }
    auto responseTask = HttpCall::send(pullRequest.call);
    const HttpResponse response = co_await std::move(responseTask);
    result.httpStatus = response.status;
    if (!response.succeeded()) {
        const GitHubApi::Target target { u"open a pull request"_s, pullRequest.repository,
                                         context.secret.name,      kPermission,
                                         pullRequest.base,         pullRequest.head };
        result.message =
            u"No pull request was opened: "_s + GitHubApi::failure(response, target, context.settings);
        co_return result;
    }
    const QJsonObject json = response.json();
    result.pullRequestNumber = json.value("number"_L1).toInt();
    result.pullRequestUrl = json.value("html_url"_L1).toString();
    result.ok = true;
    result.message =
        u"Opened pull request #%1 in %2 (%3 into %4): %5"_s.arg(result.pullRequestNumber)
            .arg(pullRequest.repository, pullRequest.head, pullRequest.base, result.pullRequestUrl);
    if (result.pullRequestNumber <= 0 || result.pullRequestUrl.isEmpty())
        result.message += u" (GitHub's answer named no number or URL: %1)"_s.arg(response.excerpt());
    co_return result;
}

} // namespace delegate
