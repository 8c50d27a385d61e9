// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>

namespace delegate {

// github.pull_request: POST {api}/repos/{owner}/{repo}/pulls for the pushed
// branch. Needs a GitHub token (secret GITHUB_TOKEN by default) that may
// write pull requests in the repository.
//
// Parameters (all optional where a default exists):
//   repository    owner/name; otherwise read from the remote's URL
//   remote        the remote whose URL names the repository (default origin)
//   head          the branch to merge (default delegate/<run-id>; owner:branch for forks)
//   base          the branch to merge into (default: the run's base ref, when it names a branch)
//   title, body   default: from the artifact's summary, files and evidence
//   draft         open as a draft pull request (default false)
//   token_secret  the secret holding the token (default from the settings)
class PullRequestAction final
{
public:
    static QCoro::Task<ActionPreview> preview(ActionRequest request, ActionContext context);
    static QCoro::Task<ActionResult> execute(ActionRequest request, ActionContext context);
};

} // namespace delegate
