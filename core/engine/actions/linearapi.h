// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/httpcall.h"

#include <QString>

#include <variant>

namespace delegate {

// Linear's GraphQL API as actions use it: the issueCreate mutation, and its
// errors (which may come with status 200) turned into what to fix.
class LinearApi final
{
public:
    struct Created
    {
        QString id;
        QString identifier; // ENG-123
        QString url;
    };

    struct Failure
    {
        QString message;
        bool concernsEveryDraft = false; // the key, the team, the service
    };

    static const QString &issueCreateMutation();
    static HttpCall issueCreate(const ActionSettings &settings, const QString &key, const QString &teamId,
                                const QString &title, const QString &description, const QString &label);
    // The created issue, or why there is none.
    static std::variant<Created, Failure> interpret(const HttpResponse &response, const QString &teamId,
                                                    const ResolvedSecret &key,
                                                    const ActionSettings &settings);
};

} // namespace delegate
