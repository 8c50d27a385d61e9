// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventreader.h"

#include "store/sqlitedatabase.h"

#include <QFileInfo>

namespace delegate {

using namespace Qt::StringLiterals;

EventReader::EventReader() = default;

EventReader::~EventReader()
{
    close();
}

StoreError EventReader::open(const QString &address, int minimumVersion)
{
    close();
    if (!StoreDatabase::isPostgresAddress(address) && !QFileInfo::exists(address))
        return u"there is no event store at %1"_s.arg(address);
    m_database = StoreDatabase::forAddress(address);
    if (auto error = m_database->open(StoreDatabase::Mode::ReadOnly)) {
        close();
        return error;
    }
    const StoreResult<int> version = m_database->schemaVersion();
    if (!version) {
        close();
        return version.error();
    }
    if (version.value() < minimumVersion) {
        const int found = version.value();
        close();
        if (found == 0)
            return u"%1 is an empty database, not an event store yet"_s.arg(address);
        return u"the event store %1 has schema version %2, but this needs version %3 or later: start "
               "delegated once so it upgrades the store"_s.arg(address, QString::number(found),
                                                               QString::number(minimumVersion));
    }
    m_schemaVersion = version.value();
    m_events = m_database->createRepository();
    return std::nullopt;
}

void EventReader::close()
{
    m_events.reset();
    m_database.reset();
    m_schemaVersion = 0;
}

SqliteConnection *EventReader::sqliteConnection()
{
    auto *sqlite = dynamic_cast<SqliteDatabase *>(m_database.get());
    return sqlite ? &sqlite->connection() : nullptr;
}

} // namespace delegate
