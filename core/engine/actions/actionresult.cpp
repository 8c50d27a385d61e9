// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/actionresult.h"

#include "domain/jsonwrite.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

void insertText(QJsonObject &json, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        json.insert(key, value);
}

QJsonArray integers(const QList<int> &values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

} // namespace

QJsonObject ActionResult::CreatedIssue::toJson() const
{
    QJsonObject json { { u"draft"_s, draft }, { u"title"_s, title }, { u"url"_s, url } };
    insertText(json, u"reference"_s, reference);
    insertText(json, u"id"_s, id);
    return json;
}

QJsonObject ActionResult::FailedIssue::toJson() const
{
    return {
        { u"draft"_s, draft }, { u"title"_s, title }, { u"message"_s, message }, { u"attempted"_s, attempted }
    };
}

QList<int> ActionResult::createdDrafts() const
{
    QList<int> drafts = skippedDrafts;
    for (const CreatedIssue &issue : createdIssues)
        drafts.append(issue.draft);
    std::sort(drafts.begin(), drafts.end());
    drafts.erase(std::unique(drafts.begin(), drafts.end()), drafts.end());
    return drafts;
}

QJsonObject ActionResult::toJson() const
{
    QJsonObject json { { u"kind"_s, enumToString(kind) }, { u"ok"_s, ok }, { u"message"_s, message } };
    insertText(json, u"commit"_s, commit);
    insertText(json, u"branch"_s, branch);
    insertText(json, u"remote"_s, remote);
    insertText(json, u"remote_url"_s, remoteUrl);
    insertText(json, u"pushed_ref"_s, pushedRef);
    if (pullRequestNumber > 0)
        json.insert(u"pull_request"_s,
                    QJsonObject { { u"number"_s, pullRequestNumber }, { u"url"_s, pullRequestUrl } });
    insertText(json, u"path"_s, path);
    if (kind == ActionKind::GitHubIssues || kind == ActionKind::LinearIssues) {
        json.insert(u"created_issues"_s, json::array(createdIssues));
        json.insert(u"failed_issues"_s, json::array(failedIssues));
        json.insert(u"skipped_drafts"_s, integers(skippedDrafts));
        json.insert(u"created_drafts"_s, integers(createdDrafts()));
    }
    if (httpStatus != 0)
        json.insert(u"http_status"_s, httpStatus);
    if (!details.isEmpty())
        json.insert(u"details"_s, details);
    return json;
}

} // namespace delegate
