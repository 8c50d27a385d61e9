// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace delegate {

class EventRepository;

// One connection to an event store, whichever database holds it: an SQLite
// file (the default, embedded in the engine) or a PostgreSQL database (a
// team server), named by its address: a file path, or
// postgresql://user@host:port/database.
//
// The writer, the readers and the tools open stores through this, so they
// run unchanged on either. Like every QSqlDatabase, a connection belongs to
// the thread that opened it.
class StoreDatabase
{
public:
    enum class Mode {
        ReadWrite, // an SQLite file is created when missing
        ReadOnly, // the store must exist
    };
    enum class Kind { Sqlite, Postgres };

    // Whether the address names a PostgreSQL database rather than a file.
    static bool isPostgresAddress(QStringView address);
    // The connection for the address; open() it before use.
    static std::unique_ptr<StoreDatabase> forAddress(const QString &address);

    StoreDatabase() = default;
    virtual ~StoreDatabase() = default;
    Q_DISABLE_COPY_MOVE(StoreDatabase)

    virtual Kind kind() const = 0;
    [[nodiscard]] virtual StoreError open(Mode mode) = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    // The file or the URL, for messages.
    virtual QString address() const = 0;
    virtual QSqlDatabase sqlDatabase() const = 0;

    // The schema version (see Migrations): 0 for an empty database; an
    // error for one that holds something other than a Delegate store.
    virtual StoreResult<int> schemaVersion() = 0;
    // Applies the migrations after the current version up to targetVersion.
    [[nodiscard]] virtual StoreError migrate(int targetVersion) = 0;
    [[nodiscard]] StoreError migrate();
    // The statements about events, on this connection (which must outlive it).
    virtual std::unique_ptr<EventRepository> createRepository() = 0;
    // Runs one statement that returns no rows, as anyone with access to the
    // database could (tests use it to damage a store on purpose).
    [[nodiscard]] virtual StoreError execute(const QString &sql) = 0;
};

} // namespace delegate
