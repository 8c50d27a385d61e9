// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>

namespace delegate {

// report.write_file: writes a report's Markdown to a file inside a chosen
// directory, atomically. Paths that lead out of the directory are refused.
//
// Parameters: directory (absolute, existing), path (relative to it),
// overwrite (default false: an existing file with other contents is kept).
class ReportFileAction final
{
public:
    static QCoro::Task<ActionPreview> preview(ActionRequest request, ActionContext context);
    static QCoro::Task<ActionResult> execute(ActionRequest request, ActionContext context);
};

} // namespace delegate
