// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifact.h"

#include <QJsonObject>
#include <QString>

namespace delegate {

// The JSON an incoming webhook takes: `text` (the notification and the
// fallback) and Block Kit `blocks` with the artifact in Slack's mrkdwn.
class SlackMessage final
{
public:
    static QJsonObject payload(const Artifact &artifact, const QString &runId, const QString &headline);
    // Markdown into Slack's mrkdwn: *bold*, <url|text> links, • bullets,
    // headings as bold lines, &, < and > escaped.
    static QString mrkdwn(const QString &markdown);
};

} // namespace delegate
