// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include <chrono>

namespace delegate {

// Where actions send things and how long they wait. The base URLs point at
// the public services by default; GitHub Enterprise, a proxy or a test
// receiver take their place here.
struct ActionSettings
{
    QUrl gitHubApiUrl { QStringLiteral("https://api.github.com") };
    QUrl linearApiUrl { QStringLiteral("https://api.linear.app") };

    // Names of the secrets in the SecretSource; a request may name another
    // (parameters token_secret, webhook_secret, key_secret).
    QString gitHubTokenSecret = QStringLiteral("GITHUB_TOKEN");
    QString slackWebhookSecret = QStringLiteral("SLACK_WEBHOOK_URL");
    QString linearKeySecret = QStringLiteral("LINEAR_API_KEY");

    std::chrono::milliseconds requestTimeout { std::chrono::seconds(30) }; // each HTTP request
    std::chrono::milliseconds gitTimeout { std::chrono::minutes(2) }; // each local git command
    std::chrono::milliseconds pushTimeout { std::chrono::minutes(5) };

    // Used for commits when the repository's configuration names nobody.
    QString fallbackAuthorName = QStringLiteral("Delegate");
    QString fallbackAuthorEmail = QStringLiteral("delegate@localhost");
};

} // namespace delegate
