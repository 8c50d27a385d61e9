// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace delegate {

class JsonReader;

// What the Settings page decides about the local engine. delegated reads them
// at start; its command-line options win over them.
struct EngineSettings
{
    std::optional<int> maxConcurrentRuns;
    std::optional<double> dailyBudgetUsd;
    QString storePath; // empty: the default database file

    QJsonObject toJson() const;
    static EngineSettings read(JsonReader &reader);

    friend bool operator==(const EngineSettings &, const EngineSettings &) = default;
};

} // namespace delegate
