// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/linearissuesaction.h"

#include "engine/actions/actionparameters.h"
#include "engine/actions/issuebatch.h"
#include "engine/actions/issuemarkdown.h"
#include "engine/actions/linearapi.h"
#include "engine/actions/requestchecks.h"
#include "engine/actions/serviceerrors.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

struct LinearPlan
{
    QStringList problems;
    QString teamId;
    QList<IssueDraft> drafts;
    QList<int> alreadyCreated;
    QList<HttpCall> calls;
};

LinearPlan plan(const ActionRequest &request, const ActionContext &context)
{
    LinearPlan plan;
    plan.problems = RequestChecks::artifact(request, { ArtifactKind::Issues });
    if (const IssuesContent *issues = std::get_if<IssuesContent>(&request.artifact.content))
        plan.drafts = issues->drafts;
    ActionParameters parameters(request.parameters);
    plan.teamId = parameters.text("team_id"_L1, JsonReader::Need::Required);
    plan.alreadyCreated = parameters.indices("created_drafts"_L1, plan.drafts.size());
    (void)parameters.text("key_secret"_L1); // read by the executor
    plan.problems += parameters.problems();
    if (plan.drafts.isEmpty() && request.artifact.kind() == ArtifactKind::Issues)
        plan.problems.append(u"the artifact holds no issue drafts: there is nothing to create"_s);
    if (!context.secret.value)
        plan.problems.append(ServiceErrors::missingSecret(
            context.secret,
            u"a Linear personal API key (lin_api_…) of someone who may create issues in the team"_s));
    for (qsizetype i = 0; i < plan.drafts.size(); ++i) {
        const IssueDraft &draft = plan.drafts.at(i);
        plan.calls.append(LinearApi::issueCreate(
            context.settings, context.secret.value.value_or(QString()), plan.teamId, draft.title,
            IssueMarkdown::render(draft, request.runId), u"draft %1: %2"_s.arg(i).arg(draft.title)));
    }
    return plan;
}

} // namespace

QCoro::Task<ActionPreview> LinearIssuesAction::preview(ActionRequest request, ActionContext context)
{
    const LinearPlan linear = plan(request, context);
    ActionPreview preview;
    preview.kind = ActionKind::LinearIssues;
    preview.problems = linear.problems;
    preview.ready = linear.problems.isEmpty();
    QJsonArray drafts;
    for (qsizetype i = 0; i < linear.drafts.size(); ++i) {
        const bool skipped = linear.alreadyCreated.contains(int(i));
        const HttpRequestPreview request = linear.calls.at(i).preview();
        if (!skipped)
            preview.requests.append(request);
        const QJsonObject input =
            request.body.toObject().value("variables"_L1).toObject().value("input"_L1).toObject();
        drafts.append(QJsonObject { { u"draft"_s, int(i) },
                                    { u"title"_s, linear.drafts.at(i).title },
                                    { u"body"_s, input.value("description"_L1) },
                                    { u"state"_s, skipped ? u"created earlier"_s : u"to create"_s } });
    }
    preview.details = QJsonObject { { u"team_id"_s, linear.teamId }, { u"drafts"_s, drafts } };
    preview.summary =
        u"Create %1 issue(s) in the Linear team %2, one per draft%3."_s.arg(preview.requests.size())
            .arg(linear.teamId,
                 linear.alreadyCreated.isEmpty()
                     ? QString()
                     : u" (%1 created earlier are skipped)"_s.arg(linear.alreadyCreated.size()));
    co_return preview;
}

QCoro::Task<ActionResult> LinearIssuesAction::execute(ActionRequest request, ActionContext context)
{
    ActionResult result;
    result.kind = ActionKind::LinearIssues;
    const LinearPlan linear = plan(request, context);
    if (!linear.problems.isEmpty()) {
        result.skippedDrafts = linear.alreadyCreated;
        result.message = u"No issue was created: "_s + linear.problems.join(u"; "_s) + u'.';
        co_return result;
    }
    const QList<HttpCall> calls = linear.calls;
    const QString teamId = linear.teamId;
    const ResolvedSecret key = context.secret;
    const ActionSettings settings = context.settings;
    // The batch keeps this closure alive while each of its tasks runs.
    auto createOne = [calls, teamId, key, settings](int draft,
                                                    IssueDraft) -> QCoro::Task<IssueBatch::Attempt> {
        IssueBatch::Attempt attempt;
        auto responseTask = HttpCall::send(calls.at(draft));
        const HttpResponse response = co_await std::move(responseTask);
        attempt.httpStatus = response.status;
        const auto outcome = LinearApi::interpret(response, teamId, key, settings);
        if (const auto *failure = std::get_if<LinearApi::Failure>(&outcome)) {
            attempt.message = failure->message;
            attempt.stopsBatch = failure->concernsEveryDraft;
            co_return attempt;
        }
        const auto &created = std::get<LinearApi::Created>(outcome);
        attempt.created = true;
        attempt.issue.url = created.url;
        attempt.issue.reference = created.identifier;
        attempt.issue.id = created.id;
        co_return attempt;
    };
    auto batch = IssueBatch::run(linear.drafts, linear.alreadyCreated, createOne,
                                 u"the Linear team %1"_s.arg(linear.teamId), &result);
    co_await std::move(batch);
    co_return result;
}

} // namespace delegate
