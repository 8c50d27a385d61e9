// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/httpcall.h"

#include <QJsonObject>
#include <QString>

namespace delegate {

// GitHub's REST API as actions use it: the request headers GitHub documents
// and error statuses turned into what to fix.
class GitHubApi final
{
public:
    // What a request was for, so an error can name it.
    struct Target
    {
        QString doing; // "open a pull request"
        QString repository; // owner/name
        QString tokenSecret;
        QString permission; // the fine-grained permission the token needs
        QString base; // pull requests: the base branch
        QString head;
    };

    static HttpCall post(const ActionSettings &settings, const QString &token, const QString &path,
                         const QJsonObject &body, const QString &label = {});
    // Why a request that got an answer other than 2xx failed, or why it got
    // none, in words that say what to change.
    static QString failure(const HttpResponse &response, const Target &target,
                           const ActionSettings &settings);
    // GitHub's own explanation: its message plus each of its errors.
    static QString gitHubSays(const HttpResponse &response);
};

} // namespace delegate
