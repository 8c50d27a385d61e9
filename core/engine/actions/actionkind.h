// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enumnames.h"

namespace delegate {

// What an approval releases. The spellings ("git.branch" …) are what task
// files, the protocol and the audit history use.
enum class ActionKind {
    GitBranch, // commit the approved patch on delegate/<run-id>
    GitPush, // push that branch to a named remote
    GitHubPullRequest, // open a pull request for the pushed branch
    ReportWriteFile, // write a report's Markdown into a chosen directory
    SlackPost, // post the artifact to a Slack incoming webhook
    GitHubIssues, // one GitHub issue per draft
    LinearIssues, // one Linear issue per draft
};

template<> std::span<const EnumName<ActionKind>> enumNames<ActionKind>();

} // namespace delegate
