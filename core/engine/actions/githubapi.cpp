// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/githubapi.h"

#include "engine/actions/serviceerrors.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace delegate {

HttpCall GitHubApi::post(const ActionSettings &settings, const QString &token, const QString &path,
                         const QJsonObject &body, const QString &label)
{
    HttpCall call;
    call.label = label;
    call.method = "POST";
    call.url = settings.gitHubApiUrl;
    QString basePath = call.url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    call.url.setPath(basePath + path);
    call.headers = {
        { "Accept", "application/vnd.github+json" },
        { "Authorization", "Bearer " + token.toUtf8() },
        { "X-GitHub-Api-Version", "2022-11-28" },
        { "User-Agent", HttpCall::userAgent() },
        { "Content-Type", "application/json; charset=utf-8" },
    };
    call.secretHeaders = { "Authorization" };
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    call.timeout = settings.requestTimeout;
    return call;
}

QString GitHubApi::gitHubSays(const HttpResponse &response)
{
    const QJsonObject json = response.json();
    QStringList parts;
    const QString message = json.value("message"_L1).toString();
    if (!message.isEmpty())
        parts.append(message);
    const QJsonArray errors = json.value("errors"_L1).toArray();
    for (const QJsonValue &value : errors) {
        if (value.isString()) {
            parts.append(value.toString());
            continue;
        }
        const QJsonObject error = value.toObject();
        if (error.contains("message"_L1)) {
            parts.append(error.value("message"_L1).toString());
            continue;
        }
        // {"resource":"PullRequest","field":"base","code":"invalid"}
        parts.append(u"%1 %2 is %3"_s
                         .arg(error.value("resource"_L1).toString(), error.value("field"_L1).toString(),
                              error.value("code"_L1).toString())
                         .trimmed());
    }
    if (parts.isEmpty())
        return response.excerpt();
    return parts.join(u"; "_s);
}

QString GitHubApi::failure(const HttpResponse &response, const Target &target, const ActionSettings &settings)
{
    const QString api = settings.gitHubApiUrl.toString();
    if (response.outcome != HttpResponse::Outcome::Answered)
        return ServiceErrors::transport(u"GitHub"_s, api, response, settings.requestTimeout,
                                        u"look in %1 before trying again"_s.arg(target.repository));
    const QString says = gitHubSays(response);
    const int status = response.status;
    if (status == 401)
        return u"GitHub refused the token in the secret %1 (401: %2). It is wrong, expired or revoked: "
               u"create a new "
               u"token with %3 on %4 and store it as %1."_s.arg(target.tokenSecret, says, target.permission,
                                                                target.repository);
    if (status == 403 || status == 429) {
        if (says.contains("rate limit"_L1, Qt::CaseInsensitive))
            return u"GitHub's rate limit stopped the request (%1: %2). Wait a few minutes and try again."_s
                .arg(status)
                .arg(says);
        return u"GitHub did not let the token in %1 %2 in %3 (403: %4). Give the token %5 on %3, or use one "
               u"that "
               u"has it."_s.arg(target.tokenSecret, target.doing, target.repository, says, target.permission);
    }
    if (status == 404) {
        QString message =
            u"GitHub answered 404 for %1 (%2): the repository does not exist, or the token in %3 "
            u"cannot see it (GitHub says 404 rather than 403 for a private repository). Check "
            u"parameters.repository or the remote's URL, and the token's repository access"_s.arg(
                target.repository, says, target.tokenSecret);
        if (!target.base.isEmpty())
            message += u"; check too that the base branch '%1' exists there"_s.arg(target.base);
        return message + u'.';
    }
    if (status == 422) {
        QString message =
            u"GitHub refused to %1 in %2 (422: %3)."_s.arg(target.doing, target.repository, says);
        if (says.contains("already exists"_L1))
            message += u" It was opened before: find it on GitHub instead of opening another."_s;
        else if (says.contains("base"_L1) && !target.base.isEmpty())
            message += u" Check that the base branch '%1' exists in %2 (parameters.base)."_s.arg(
                target.base, target.repository);
        else if (says.contains("head"_L1) && !target.head.isEmpty())
            message += u" Push %1 first (git.push), or check parameters.head."_s.arg(target.head);
        else if (says.contains("No commits between"_L1))
            message += u" The branch has nothing the base does not have already."_s;
        return message;
    }
    if (status >= 300 && status < 400)
        return u"GitHub redirected the request (%1) to %2: the repository may have been renamed or moved. "
               u"Update "
               u"parameters.repository or the remote URL."_s.arg(status)
                   .arg(QString::fromUtf8(response.location));
    if (status >= 500)
        return u"GitHub had a problem of its own (%1: %2). Try again later; check %3 first, the request may "
               u"have gone through."_s.arg(status)
                   .arg(says, target.repository);
    return u"GitHub refused to %1 in %2 (%3: %4)."_s.arg(target.doing, target.repository)
        .arg(status)
        .arg(says);
}

} // namespace delegate
