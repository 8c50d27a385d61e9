// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace delegate {

// owner/name of a repository on GitHub (or GitHub Enterprise).
struct GitHubRepository
{
    QString owner;
    QString name;

    QString fullName() const { return owner + u'/' + name; }

    // "owner/name".
    static std::optional<GitHubRepository> parse(const QString &fullName);
    // A remote URL: https://host/owner/name(.git), git@host:owner/name.git,
    // ssh://git@host/owner/name.git. Local paths and file:// URLs name no
    // GitHub repository.
    static std::optional<GitHubRepository> fromRemoteUrl(const QString &url);
};

} // namespace delegate
