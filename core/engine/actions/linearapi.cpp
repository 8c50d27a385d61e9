// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/linearapi.h"

#include "engine/actions/serviceerrors.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

struct GraphQlErrors
{
    QStringList messages;
    bool authentication = false;
    bool rateLimited = false;
    bool aboutTeam = false;
};

GraphQlErrors errorsOf(const QJsonObject &json)
{
    GraphQlErrors found;
    const QJsonArray errors = json.value("errors"_L1).toArray();
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        const QJsonObject extensions = error.value("extensions"_L1).toObject();
        QString message = extensions.value("userPresentableMessage"_L1).toString();
        if (message.isEmpty())
            message = error.value("message"_L1).toString();
        found.messages.append(message);
        const QString code = extensions.value("code"_L1).toString();
        const QString type = extensions.value("type"_L1).toString();
        if (code == "AUTHENTICATION_ERROR"_L1 || type.contains("authentication"_L1, Qt::CaseInsensitive)
            || code == "FORBIDDEN"_L1)
            found.authentication = true;
        if (code == "RATELIMITED"_L1 || type.contains("ratelimit"_L1, Qt::CaseInsensitive))
            found.rateLimited = true;
        if (message.contains("team"_L1, Qt::CaseInsensitive))
            found.aboutTeam = true;
    }
    return found;
}

} // namespace

const QString &LinearApi::issueCreateMutation()
{
    static const QString mutation =
        u"mutation IssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) "
        u"{ success issue { id identifier url } } }"_s;
    return mutation;
}

HttpCall LinearApi::issueCreate(const ActionSettings &settings, const QString &key, const QString &teamId,
                                const QString &title, const QString &description, const QString &label)
{
    HttpCall call;
    call.label = label;
    call.method = "POST";
    call.url = settings.linearApiUrl;
    QString basePath = call.url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    call.url.setPath(basePath + u"/graphql"_s);
    // Personal API keys go in as they are; only OAuth tokens take "Bearer".
    call.headers = {
        { "Authorization", key.toUtf8() },
        { "Content-Type", "application/json; charset=utf-8" },
        { "User-Agent", HttpCall::userAgent() },
    };
    call.secretHeaders = { "Authorization" };
    const QJsonObject input { { u"teamId"_s, teamId },
                              { u"title"_s, title },
                              { u"description"_s, description } };
    const QJsonObject body { { u"query"_s, issueCreateMutation() },
                             { u"variables"_s, QJsonObject { { u"input"_s, input } } } };
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    call.timeout = settings.requestTimeout;
    return call;
}

std::variant<LinearApi::Created, LinearApi::Failure> LinearApi::interpret(const HttpResponse &response,
                                                                          const QString &teamId,
                                                                          const ResolvedSecret &key,
                                                                          const ActionSettings &settings)
{
    if (response.outcome != HttpResponse::Outcome::Answered)
        return Failure { ServiceErrors::transport(u"Linear"_s, settings.linearApiUrl.toString(), response,
                                                  settings.requestTimeout,
                                                  u"look in the Linear team before trying again"_s),
                         true };
    const QJsonObject json = response.json();
    const GraphQlErrors errors = errorsOf(json);
    const QString says = errors.messages.isEmpty() ? response.excerpt() : errors.messages.join(u"; "_s);
    if (response.status == 401 || errors.authentication)
        return Failure {
            u"Linear refused the API key in the secret %1 (%2: %3). Create a personal API key in Linear "
            u"(Settings, Security & access) and store it as %1."_s.arg(key.name)
                .arg(response.status)
                .arg(says),
            true
        };
    if (response.status == 429 || errors.rateLimited)
        return Failure { u"Linear's rate limit stopped the request (%1: %2). Wait a few minutes and retry."_s
                             .arg(response.status)
                             .arg(says),
                         true };
    if (response.status >= 500)
        return Failure {
            u"Linear had a problem of its own (%1: %2). Try again later; look in the team first, the "
            u"request may have gone through."_s.arg(response.status)
                .arg(says),
            true
        };
    if (errors.aboutTeam)
        return Failure {
            u"Linear did not accept the team '%1' (%2). Check parameters.team_id: it is the team's id "
            u"(a UUID), which the team's settings or the `teams` query show."_s.arg(teamId, says),
            true
        };
    if (!errors.messages.isEmpty() || response.status < 200 || response.status >= 300)
        return Failure { u"Linear refused the issue (%1: %2)."_s.arg(response.status).arg(says), false };

    const QJsonObject issueCreate = json.value("data"_L1).toObject().value("issueCreate"_L1).toObject();
    const QJsonObject issue = issueCreate.value("issue"_L1).toObject();
    if (!issueCreate.value("success"_L1).toBool() || issue.value("url"_L1).toString().isEmpty())
        return Failure { u"Linear did not report the issue as created (%1)."_s.arg(response.excerpt()),
                         false };
    return Created { issue.value("id"_L1).toString(), issue.value("identifier"_L1).toString(),
                     issue.value("url"_L1).toString() };
}

} // namespace delegate
