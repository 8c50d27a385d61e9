// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>

namespace delegate {

// slack.post: posts the artifact (a report above all) to a Slack incoming
// webhook, as JSON {text, blocks}. The webhook URL is the credential: it
// comes from a secret (SLACK_WEBHOOK_URL by default) and is masked wherever
// it is shown.
//
// Parameters: text (optional headline; default the artifact's subject),
// webhook_secret (optional; the secret holding the URL).
class SlackPostAction final
{
public:
    static QCoro::Task<ActionPreview> preview(ActionRequest request, ActionContext context);
    static QCoro::Task<ActionResult> execute(ActionRequest request, ActionContext context);
};

} // namespace delegate
