// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>

namespace delegate {

// git.push: pushes the commit git.branch made on delegate/<run-id> to a
// remote of the user's repository, under the same branch name. Never forced.
// git authenticates with the user's own setup (SSH agent, credential
// helper); Delegate hands git none of its secrets.
//
// Parameters: remote (optional, default "origin").
class GitPushAction final
{
public:
    static QCoro::Task<ActionPreview> preview(ActionRequest request, ActionContext context);
    static QCoro::Task<ActionResult> execute(ActionRequest request, ActionContext context);
};

} // namespace delegate
