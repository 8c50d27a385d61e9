// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/issuedraft.h"

#include <QString>

namespace delegate {

// An issue draft as the Markdown body of a tracker issue: one section per
// field that has something in it, acceptance criteria as a task list.
class IssueMarkdown final
{
public:
    static QString render(const IssueDraft &draft, const QString &runId);
};

} // namespace delegate
