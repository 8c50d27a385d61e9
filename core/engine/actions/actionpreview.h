// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actionkind.h"
#include "engine/actions/httprequestpreview.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace delegate {

// What an action would do, worked out without doing any of it: no commit, no
// push, no file written, no network request. A reviewer reads the summary and
// approves the details.
struct ActionPreview
{
    ActionKind kind = ActionKind::GitBranch;
    // No problems: execute() would attempt exactly what the details say.
    bool ready = false;
    QString summary; // one or two sentences for people
    QStringList problems; // each names what is wrong and how to fix it
    QList<HttpRequestPreview> requests; // in the order they would be sent
    // Kind-specific: the branch, commit message and files; the target path;
    // the issues' titles and bodies …
    QJsonObject details;

    QJsonObject toJson() const;
};

} // namespace delegate
