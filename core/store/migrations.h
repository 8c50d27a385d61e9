// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

namespace delegate {

class SqliteConnection;

// The store's schema as a list of numbered, forward-only steps. A step is
// never edited once released: a later change is a new step. The table
// schema_version records each applied step, so a database at any earlier
// version reaches the latest one by running the steps it lacks, each in its
// own transaction (an interrupted upgrade leaves the database at the last
// completed step).
//
// Versions:
//   1  events (the hash-chained log), chain_head, append-only triggers
//   2  events_fts (FTS5 over kind and payload text) and its watermark
//   3  runs
//   4  run_events (the index by run, filled with events_fts) replaces the
//      index events_by_run
//   5  run_attributes and event_facets for the history timeline's filters,
//      filled with events_fts
class Migrations final
{
public:
    static int latestVersion();
    // What step `version` adds, in a few words.
    static QString summary(int version);

    // 0 for a new, empty database. Fails for an SQLite file that is not a
    // Delegate store.
    static StoreResult<int> currentVersion(SqliteConnection &connection);

    // Applies the steps after the current version up to targetVersion.
    // Refuses a database newer than this build knows.
    [[nodiscard]] static StoreError migrate(SqliteConnection &connection,
                                            int targetVersion = latestVersion());
};

} // namespace delegate
