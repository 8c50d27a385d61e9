// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginesettings.h"

#include "domain/jsonreader.h"
#include "domain/jsonwrite.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace delegate {

QJsonObject EngineSettings::toJson() const
{
    QJsonObject json;
    if (maxConcurrentRuns)
        json.insert(u"max_runs"_s, *maxConcurrentRuns);
    json::insertIfSet(json, "daily_budget_usd"_L1, dailyBudgetUsd);
    if (!storePath.isEmpty())
        json.insert(u"store"_s, storePath);
    return json;
}

EngineSettings EngineSettings::read(JsonReader &reader)
{
    EngineSettings settings;
    if (const auto runs = reader.integer("max_runs"_L1, 1, 1000))
        settings.maxConcurrentRuns = int(*runs);
    settings.dailyBudgetUsd = reader.number("daily_budget_usd"_L1, 0);
    settings.storePath = reader.text("store"_L1);
    if (!settings.storePath.isEmpty() && QDir::isRelativePath(settings.storePath))
        reader.fail("store"_L1,
                    u"'%1' is relative; give the database file's absolute path, such as "
                    "/home/ada/.local/share/delegate/delegate.db"_s.arg(settings.storePath));
    reader.finish();
    return settings;
}

} // namespace delegate
