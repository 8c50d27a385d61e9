// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/githubissuesaction.h"

#include "engine/actions/actionparameters.h"
#include "engine/actions/githubapi.h"
#include "engine/actions/githubtarget.h"
#include "engine/actions/issuebatch.h"
#include "engine/actions/issuemarkdown.h"
#include "engine/actions/requestchecks.h"
#include "engine/actions/serviceerrors.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

const QString kPermission = u"the Issues: write permission (classic tokens: the repo scope)"_s;

struct IssuesPlan
{
    QStringList problems;
    QString repository;
    QList<IssueDraft> drafts;
    QList<int> alreadyCreated;
    QList<HttpCall> calls; // one per draft, by draft index
};

QCoro::Task<IssuesPlan> plan(ActionRequest request, ActionContext context)
{
    IssuesPlan plan;
    plan.problems = RequestChecks::artifact(request, { ArtifactKind::Issues });
    if (const IssuesContent *issues = std::get_if<IssuesContent>(&request.artifact.content))
        plan.drafts = issues->drafts;
    ActionParameters parameters(request.parameters);
    const QString repositoryParameter = parameters.text("repository"_L1);
    const QString remote = parameters.text("remote"_L1);
    const QStringList labels = parameters.textList("labels"_L1);
    plan.alreadyCreated = parameters.indices("created_drafts"_L1, plan.drafts.size());
    (void)parameters.text("token_secret"_L1); // read by the executor
    plan.problems += parameters.problems();
    if (plan.drafts.isEmpty() && request.artifact.kind() == ArtifactKind::Issues)
        plan.problems.append(u"the artifact holds no issue drafts: there is nothing to create"_s);

    auto targetTask =
        GitHubTarget::resolve(repositoryParameter, remote, request.workspace, context.settings.gitTimeout);
    const GitHubTarget::Resolved target = co_await std::move(targetTask);
    if (!target.problem.isEmpty())
        plan.problems.append(target.problem);
    plan.repository = target.repository ? target.repository->fullName() : u"<owner>/<name>"_s;
    if (!context.secret.value)
        plan.problems.append(ServiceErrors::missingSecret(
            context.secret, u"a GitHub token with %1 on %2"_s.arg(kPermission, plan.repository)));

    for (qsizetype i = 0; i < plan.drafts.size(); ++i) {
        const IssueDraft &draft = plan.drafts.at(i);
        QJsonObject body { { u"title"_s, draft.title },
                           { u"body"_s, IssueMarkdown::render(draft, request.runId) } };
        if (!labels.isEmpty())
            body.insert(u"labels"_s, QJsonArray::fromStringList(labels));
        plan.calls.append(GitHubApi::post(context.settings, context.secret.value.value_or(QString()),
                                          u"/repos/%1/issues"_s.arg(plan.repository), body,
                                          u"draft %1: %2"_s.arg(i).arg(draft.title)));
    }
    co_return plan;
}

// A failure every other draft would meet too stops the batch.
bool concernsEveryDraft(const HttpResponse &response)
{
    if (response.outcome != HttpResponse::Outcome::Answered)
        return true;
    return response.status == 401 || response.status == 403 || response.status == 404
        || response.status == 410 || response.status == 429 || response.status >= 500
        || (response.status >= 300 && response.status < 400);
}

} // namespace

QCoro::Task<ActionPreview> GitHubIssuesAction::preview(ActionRequest request, ActionContext context)
{
    auto issuesTask = plan(request, context);
    const IssuesPlan issues = co_await std::move(issuesTask);
    ActionPreview preview;
    preview.kind = ActionKind::GitHubIssues;
    preview.problems = issues.problems;
    preview.ready = issues.problems.isEmpty();
    QJsonArray drafts;
    for (qsizetype i = 0; i < issues.drafts.size(); ++i) {
        const bool skipped = issues.alreadyCreated.contains(int(i));
        const HttpRequestPreview request = issues.calls.at(i).preview();
        if (!skipped)
            preview.requests.append(request);
        drafts.append(QJsonObject { { u"draft"_s, int(i) },
                                    { u"title"_s, issues.drafts.at(i).title },
                                    { u"body"_s, request.body.toObject().value("body"_L1) },
                                    { u"state"_s, skipped ? u"created earlier"_s : u"to create"_s } });
    }
    preview.details = QJsonObject { { u"repository"_s, issues.repository }, { u"drafts"_s, drafts } };
    preview.summary =
        u"Create %1 issue(s) in the GitHub repository %2, one per draft%3."_s.arg(preview.requests.size())
            .arg(issues.repository,
                 issues.alreadyCreated.isEmpty()
                     ? QString()
                     : u" (%1 created earlier are skipped)"_s.arg(issues.alreadyCreated.size()));
    co_return preview;
}

QCoro::Task<ActionResult> GitHubIssuesAction::execute(ActionRequest request, ActionContext context)
{
    ActionResult result;
    result.kind = ActionKind::GitHubIssues;
    auto issuesTask = plan(request, context);
    const IssuesPlan issues = co_await std::move(issuesTask);
    if (!issues.problems.isEmpty()) {
        result.skippedDrafts = issues.alreadyCreated;
        result.message = u"No issue was created: "_s + issues.problems.join(u"; "_s) + u'.';
        co_return result;
    }
    const GitHubApi::Target target {
        u"create an issue"_s, issues.repository, context.secret.name, kPermission, {}, {}
    };
    const QList<HttpCall> calls = issues.calls;
    const ActionSettings settings = context.settings;
    auto createOne = [calls, target, settings](int draft, IssueDraft) -> QCoro::Task<IssueBatch::Attempt> {
        IssueBatch::Attempt attempt;
        auto responseTask = HttpCall::send(calls.at(draft));
        const HttpResponse response = co_await std::move(responseTask);
        attempt.httpStatus = response.status;
        if (!response.succeeded()) {
            attempt.message = GitHubApi::failure(response, target, settings);
            attempt.stopsBatch = concernsEveryDraft(response);
            co_return attempt;
        }
        const QJsonObject json = response.json();
        attempt.created = true;
        attempt.issue.url = json.value("html_url"_L1).toString();
        attempt.issue.reference = u"#%1"_s.arg(json.value("number"_L1).toInt());
        attempt.issue.id = QString::number(json.value("id"_L1).toInteger());
        co_return attempt;
    };
    auto batch = IssueBatch::run(issues.drafts, issues.alreadyCreated, createOne,
                                 u"the GitHub repository %1"_s.arg(issues.repository), &result);
    co_await std::move(batch);
    co_return result;
}

} // namespace delegate
