// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/actionkind.h"

namespace delegate {

template<> std::span<const EnumName<ActionKind>> enumNames<ActionKind>()
{
    static constexpr EnumName<ActionKind> names[] = {
        { ActionKind::GitBranch, QLatin1StringView("git.branch") },
        { ActionKind::GitPush, QLatin1StringView("git.push") },
        { ActionKind::GitHubPullRequest, QLatin1StringView("github.pull_request") },
        { ActionKind::ReportWriteFile, QLatin1StringView("report.write_file") },
        { ActionKind::SlackPost, QLatin1StringView("slack.post") },
        { ActionKind::GitHubIssues, QLatin1StringView("github.issues") },
        { ActionKind::LinearIssues, QLatin1StringView("linear.issues") },
    };
    return names;
}

} // namespace delegate
