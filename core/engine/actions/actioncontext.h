// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actionsettings.h"

#include <QString>

#include <optional>

namespace delegate {

// The one credential an action uses, looked up before the action starts so
// that nothing reaches back into the SecretSource across an await.
struct ResolvedSecret
{
    QString name;
    std::optional<QString> value;
    QString howToSet; // "add the secret GITHUB_TOKEN to Delegate's secret store"
};

// Everything an action needs besides its request, copied by value: the
// executor may be gone before the action finishes.
struct ActionContext
{
    ActionSettings settings;
    ResolvedSecret secret;
};

} // namespace delegate
