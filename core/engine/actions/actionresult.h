// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actionkind.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate {

// What running an action did, for the audit history and for people. A
// failure says what to fix; a partial failure says what was done anyway, so a
// retry does not do it twice.
struct ActionResult
{
    struct CreatedIssue
    {
        int draft = 0; // index into the artifact's drafts
        QString title;
        QString url;
        QString reference; // "#12" on GitHub, "ENG-12" on Linear
        QString id; // the tracker's own id, when it has one apart from the reference

        QJsonObject toJson() const;
    };

    struct FailedIssue
    {
        int draft = 0;
        QString title;
        QString message;
        bool attempted = true; // false: not sent, because an earlier failure stopped the batch

        QJsonObject toJson() const;
    };

    ActionKind kind = ActionKind::GitBranch;
    bool ok = false;
    QString message; // for people: what happened, or what to fix

    QString commit; // git.branch, git.push: the commit on the branch
    QString branch;
    QString remote; // git.push: the remote's name
    QString remoteUrl;
    QString pushedRef; // git.push: the ref on the remote
    int pullRequestNumber = 0;
    QString pullRequestUrl;
    QString path; // report.write_file: the file written
    QList<CreatedIssue> createdIssues;
    QList<FailedIssue> failedIssues;
    QList<int> skippedDrafts; // created by an earlier attempt
    int httpStatus = 0; // the last HTTP status seen, 0 when none
    QJsonObject details; // anything else worth keeping

    // Every draft that exists in the tracker now: pass it as the
    // created_drafts parameter of a retry.
    QList<int> createdDrafts() const;
    QJsonObject toJson() const;
};

} // namespace delegate
