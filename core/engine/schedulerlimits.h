// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace delegate {

// How much the engine runs at once and how much it may spend.
struct SchedulerLimits
{
    int maxConcurrentRuns = 4; // over everything
    QHash<QString, int> perEnvironment; // environment name -> at most this many at once
    QHash<QString, int> perProvider; // "openai", "anthropic", "gemini" … -> at most this many at once
    std::optional<double> dailyBudgetUsd; // what runs may spend per day (UTC)
    // What a run whose task sets no cost limit is expected to spend, when
    // judging whether starting it could pass a budget.
    double defaultRunEstimateUsd = 0;
};

} // namespace delegate
