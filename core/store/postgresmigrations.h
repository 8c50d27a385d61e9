// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QSqlDatabase>

namespace delegate {

// The store's schema on PostgreSQL: the same numbered, forward-only steps as
// on SQLite (Migrations, which also holds their summaries), written in
// PostgreSQL's dialect. Version N means the same tables and the same
// meaning on both, so a store can move from one to the other (StoreCopier).
//
// Differences in form: full-text search is a table with a tsvector column
// and a GIN index instead of an FTS5 table; the append-only rule is a
// trigger function. Concurrent upgrades take turns on an advisory lock.
class PostgresMigrations final
{
public:
    // 0 for an empty database (no tables in its schema).
    static StoreResult<int> currentVersion(QSqlDatabase db, const QString &address);
    [[nodiscard]] static StoreError migrate(QSqlDatabase db, const QString &address, int targetVersion);
};

} // namespace delegate
