// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/eventrepository.h"
#include "store/sqliteconnection.h"
#include "store/storeresult.h"

#include <memory>

namespace delegate {

// A read-only view of an event store on its own connection, for verify,
// export and search (the CLI, the engine's queries). It never writes, so it
// can run beside the engine's writer at any time.
class EventReader final
{
public:
    EventReader();
    ~EventReader();
    Q_DISABLE_COPY_MOVE(EventReader)

    // Fails when the file is missing, is not a Delegate store, or has a schema
    // older than minimumVersion (an old engine has not upgraded it yet).
    [[nodiscard]] StoreError open(const QString &path, int minimumVersion = 1);
    void close();

    int schemaVersion() const { return m_schemaVersion; }
    SqliteConnection &connection() { return m_connection; }
    EventRepository &events() { return *m_events; }

private:
    SqliteConnection m_connection;
    std::unique_ptr<EventRepository> m_events;
    int m_schemaVersion = 0;
};

} // namespace delegate
