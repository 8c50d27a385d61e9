// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/eventrepository.h"
#include "store/storedatabase.h"
#include "store/storeresult.h"

#include <memory>

namespace delegate {

class SqliteConnection;

// A read-only view of an event store on its own connection, for verify,
// export and search (the CLI, the engine's queries). It never writes, so it
// can run beside the engine's writer at any time.
class EventReader final
{
public:
    EventReader();
    ~EventReader();
    Q_DISABLE_COPY_MOVE(EventReader)

    // The address is a file path or a postgresql:// URL (see StoreDatabase).
    // Fails when the store is missing, is not a Delegate store, or has a
    // schema older than minimumVersion (an old engine has not upgraded it yet).
    [[nodiscard]] StoreError open(const QString &address, int minimumVersion = 1);
    void close();

    int schemaVersion() const { return m_schemaVersion; }
    StoreDatabase &database() { return *m_database; }
    EventRepository &events() { return *m_events; }
    // The SQLite connection underneath, for queries written for SQLite only
    // (the history timeline); nullptr on PostgreSQL.
    SqliteConnection *sqliteConnection();

private:
    std::unique_ptr<StoreDatabase> m_database;
    std::unique_ptr<EventRepository> m_events;
    int m_schemaVersion = 0;
};

} // namespace delegate
