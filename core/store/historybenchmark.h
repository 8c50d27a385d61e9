// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QList>
#include <QString>

namespace delegate {

struct HistoryBenchmarkOptions
{
    qint64 events = 1'000'000;
    // Where the generated store goes (a temporary directory inside it,
    // removed afterwards); by default beside the real store.
    QString directory;
    // Measure an existing store instead of generating one (kept as it is).
    QString store;
    // Timed executions of each query, cold and warm each.
    int samples = 15;
    int pageSize = 50;
};

struct HistoryBenchmarkFigure
{
    QString name; // what the query selects, e.g. "search: timeout"
    QString kind; // "timeline" or "search"
    int firstPageSize = 0; // events on the first page
    // First-page latency in milliseconds. Cold: on a new connection (empty
    // SQLite page cache; the OS cache is warm after the first sample).
    // Warm: the same query again on one connection.
    double coldP50 = 0;
    double coldP95 = 0;
    double warmP50 = 0;
    double warmP95 = 0;
};

struct HistoryBenchmarkResult
{
    qint64 events = 0;
    qint64 runs = 0;
    double generateSeconds = 0; // appending (0 for an existing store)
    double indexSeconds = 0; // the deferred indexer catching up after the appends
    qint64 storeBytes = 0;
    QString path;
    QList<HistoryBenchmarkFigure> figures;
};

// Generates a store of realistic history (runs submitted by several people
// with different tasks, skills, agents and environments, going through their
// states, with agent messages, tool calls and results, checkpoints, reviews
// and actions, interleaved as concurrent runs are), through the real writer
// and indexer, then measures how long the first page of several timeline
// filters and searches takes (HistoryQuery, as the engine runs it).
class HistoryBenchmark final
{
public:
    static StoreResult<HistoryBenchmarkResult> run(const HistoryBenchmarkOptions &options);
};

} // namespace delegate
