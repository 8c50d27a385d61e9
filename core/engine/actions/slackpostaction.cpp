// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/slackpostaction.h"

#include "engine/actions/actionparameters.h"
#include "engine/actions/artifacttext.h"
#include "engine/actions/httpcall.h"
#include "engine/actions/requestchecks.h"
#include "engine/actions/serviceerrors.h"
#include "engine/actions/slackmessage.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

struct SlackPlan
{
    QStringList problems;
    QString headline;
    HttpCall call;
};

SlackPlan plan(const ActionRequest &request, const ActionContext &context)
{
    SlackPlan plan;
    plan.problems =
        RequestChecks::artifact(request, { ArtifactKind::Report, ArtifactKind::Issues, ArtifactKind::Patch });
    ActionParameters parameters(request.parameters);
    plan.headline = parameters.text("text"_L1);
    (void)parameters.text("webhook_secret"_L1); // read by the executor
    plan.problems += parameters.problems();
    if (plan.headline.isEmpty())
        plan.headline = ArtifactText::subject(request.artifact, request.runId, 150);

    plan.call.label = u"Slack message"_s;
    plan.call.method = "POST";
    plan.call.urlIsSecret = true;
    plan.call.timeout = context.settings.requestTimeout;
    plan.call.headers = { { "Content-Type", "application/json; charset=utf-8" },
                          { "User-Agent", HttpCall::userAgent() } };
    plan.call.body = QJsonDocument(SlackMessage::payload(request.artifact, request.runId, plan.headline))
                         .toJson(QJsonDocument::Compact);
    if (!context.secret.value) {
        plan.problems.append(ServiceErrors::missingSecret(
            context.secret, u"the URL of a Slack incoming webhook, https://hooks.slack.com/services/…"_s));
        plan.call.url = QUrl(u"https://hooks.slack.com/services/"_s);
        return plan;
    }
    plan.call.url = QUrl(*context.secret.value, QUrl::StrictMode);
    const QString scheme = plan.call.url.scheme();
    if (!plan.call.url.isValid() || plan.call.url.host().isEmpty()
        || (scheme != "https"_L1 && scheme != "http"_L1))
        plan.problems.append(
            u"the secret %1 does not hold a webhook URL (expected https://hooks.slack.com/services/…): "
            u"copy the URL from the Slack app's Incoming Webhooks page into it"_s.arg(context.secret.name));
    return plan;
}

QString slackFailure(const HttpResponse &response, const ActionContext &context, const QString &url)
{
    if (response.outcome != HttpResponse::Outcome::Answered)
        return ServiceErrors::transport(u"Slack"_s, url, response, context.settings.requestTimeout,
                                        u"look in the channel before posting again"_s);
    const QString says = response.excerpt();
    const int status = response.status;
    const QString secret = context.secret.name;
    if (status == 404 || status == 410 || says.contains("no_service"_L1) || says.contains("no_team"_L1))
        return u"Slack no longer knows the webhook in %1 (%2: %3): the app was removed or the webhook "
               u"revoked. Create "
               u"a new incoming webhook and store its URL as %1."_s.arg(secret)
                   .arg(status)
                   .arg(says);
    if (says.contains("channel_is_archived"_L1))
        return u"The webhook's channel is archived (%1: %2): unarchive it, or create a webhook for another "
               u"channel "
               u"and store its URL as %3."_s.arg(status)
                   .arg(says, secret);
    if (status == 401 || status == 403)
        return u"Slack refused the webhook in %1 (%2: %3). Check that the URL is complete and still active, "
               u"or store "
               u"a new one as %1."_s.arg(secret)
                   .arg(status)
                   .arg(says);
    if (status == 400)
        return u"Slack refused the message itself (400: %1). This is a fault in Delegate's message; report "
               u"it with "
               u"this text."_s.arg(says);
    if (status == 429)
        return u"Slack is rate limiting this webhook (429: %1). Wait a minute and post again."_s.arg(says);
    return u"Slack answered %1 (%2). Try again later."_s.arg(status).arg(says);
}

} // namespace

QCoro::Task<ActionPreview> SlackPostAction::preview(ActionRequest request, ActionContext context)
{
    const SlackPlan slack = plan(request, context);
    ActionPreview preview;
    preview.kind = ActionKind::SlackPost;
    preview.problems = slack.problems;
    preview.ready = slack.problems.isEmpty();
    preview.requests = { slack.call.preview() };
    preview.details = QJsonObject { { u"webhook"_s, slack.call.displayUrl() },
                                    { u"webhook_secret"_s, context.secret.name },
                                    { u"text"_s, slack.headline } };
    preview.summary = u"Post \"%1\" with the %2 to the Slack webhook in %3 (%4)."_s.arg(
        slack.headline, enumToString(request.artifact.kind()), context.secret.name, slack.call.displayUrl());
    co_return preview;
}

QCoro::Task<ActionResult> SlackPostAction::execute(ActionRequest request, ActionContext context)
{
    ActionResult result;
    result.kind = ActionKind::SlackPost;
    const SlackPlan slack = plan(request, context);
    if (!slack.problems.isEmpty()) {
        result.message = u"Nothing was posted: "_s + slack.problems.join(u"; "_s) + u'.';
        co_return result;
    }
    auto responseTask = HttpCall::send(slack.call);
    const HttpResponse response = co_await std::move(responseTask);
    result.httpStatus = response.status;
    if (!response.succeeded()) {
        result.message = u"Nothing was posted: "_s + slackFailure(response, context, slack.call.displayUrl());
        co_return result;
    }
    result.ok = true;
    result.details.insert(u"webhook"_s, slack.call.displayUrl());
    result.message = u"Posted \"%1\" to the Slack webhook in %2."_s.arg(slack.headline, context.secret.name);
    co_return result;
}

} // namespace delegate
