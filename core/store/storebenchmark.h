// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QString>

namespace delegate {

struct StoreBenchmarkOptions
{
    qint64 events = 200'000;
    // The store's largest batch, and the raw baseline's batch size.
    int batch = 4096;
    // Threads that append at once.
    int producers = 1;
    // Where the two databases go: by default beside the real store, so the
    // figures are for the file system the store actually uses.
    QString directory;
    // Each round measures the raw baseline and then the store on new
    // files; the figures are the medians, which a busy machine disturbs
    // less than a single measurement.
    int rounds = 3;
};

struct StoreBenchmarkResult
{
    qint64 events = 0;
    int batch = 0;
    int producers = 0;
    int rounds = 0;
    QString directory;

    // Medians over the rounds.
    double storeEventsPerSecond = 0; // appended through EventStore, acknowledged as durable
    double rawEventsPerSecond = 0; // the same rows inserted into a plain table in batches
    double ratio = 0; // store / raw, of the same round
    double ratioMin = 0;
    double ratioMax = 0;
    quint64 storeBatches = 0; // commits the writer made in the last round

    // Full-text indexing (and the index by run) of all events after the
    // appends stopped, in the last round.
    double indexSeconds = 0;
    double indexEventsPerSecond = 0;
};

// Measures the event store's ingest rate beside the rate of raw batched
// SQLite INSERTs of the same rows, in the same run, on the same file system,
// with the same connection settings (WAL, synchronous=FULL). The raw side
// prepares its rows beforehand and inserts them into a table without
// indexes or triggers, in transactions of `batch` rows: the ceiling for any
// store on that SQLite. The store side pays for everything the engine pays:
// canonical JSON of each payload on the producing thread, queueing, the
// hash chain, the run index and the acknowledgements. Full-text indexing
// runs after the appends (the writer defers it while busy) and is timed
// separately.
class StoreBenchmark final
{
public:
    static StoreResult<StoreBenchmarkResult> run(const StoreBenchmarkOptions &options);
};

} // namespace delegate
