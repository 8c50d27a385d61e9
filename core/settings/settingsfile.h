// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "delegatesettings.h"
#include "domain/loadresult.h"

#include <optional>

namespace delegate {

// The user's settings file, YAML (docs/settings.md):
// $XDG_CONFIG_HOME/delegate/settings.yaml. The Settings page writes it and
// the local engine reads it when it starts.
class SettingsFile final
{
public:
    static QString defaultPath();

    // A missing file is no error: it reads as empty settings.
    static LoadResult<DelegateSettings> load(const QString &path = defaultPath());
    static LoadResult<DelegateSettings> parse(const QByteArray &text, const QString &fileName);
    static QByteArray toYaml(const DelegateSettings &settings);
    // Writes atomically, creating the folder; the error says what went wrong.
    static std::optional<QString> save(const DelegateSettings &settings, const QString &path = defaultPath());
};

} // namespace delegate
