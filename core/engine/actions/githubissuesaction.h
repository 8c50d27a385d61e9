// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>

namespace delegate {

// github.issues: one POST {api}/repos/{owner}/{repo}/issues per draft, the
// body rendered from the draft's fields. Needs a GitHub token (secret
// GITHUB_TOKEN by default) that may write issues in the repository.
//
// Parameters: repository or remote (as for github.pull_request), labels
// (optional list), created_drafts (drafts an earlier attempt created; they
// are skipped), token_secret.
class GitHubIssuesAction final
{
public:
    static QCoro::Task<ActionPreview> preview(ActionRequest request, ActionContext context);
    static QCoro::Task<ActionResult> execute(ActionRequest request, ActionContext context);
};

} // namespace delegate
