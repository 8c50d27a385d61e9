// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>

namespace delegate {

// git.branch: commits the approved patch on delegate/<run-id>, on top of the
// run's base commit. The commit is built in the worktree's git directory with
// a throwaway index from the approved diff itself, so what lands is what the
// reviewer saw, and the user's working tree, index and checked-out branch
// stay as they are.
//
// Parameters: message (optional; the commit message, derived from the
// artifact's summary otherwise).
class GitBranchAction final
{
public:
    static QCoro::Task<ActionPreview> preview(ActionRequest request, ActionContext context);
    static QCoro::Task<ActionResult> execute(ActionRequest request, ActionContext context);
};

} // namespace delegate
