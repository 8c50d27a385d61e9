// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>

namespace delegate {

// linear.issues: one GraphQL issueCreate mutation per draft, POSTed to
// {api}/graphql with the Linear API key (secret LINEAR_API_KEY by default)
// in the Authorization header.
//
// Parameters: team_id (required: the team's id), created_drafts (drafts an
// earlier attempt created; they are skipped), key_secret.
class LinearIssuesAction final
{
public:
    static QCoro::Task<ActionPreview> preview(ActionRequest request, ActionContext context);
    static QCoro::Task<ActionResult> execute(ActionRequest request, ActionContext context);
};

} // namespace delegate
