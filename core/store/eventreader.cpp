// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventreader.h"

#include "store/migrations.h"

#include <QFileInfo>

namespace delegate {

using namespace Qt::StringLiterals;

EventReader::EventReader() = default;

EventReader::~EventReader()
{
    close();
}

StoreError EventReader::open(const QString &path, int minimumVersion)
{
    close();
    if (!QFileInfo::exists(path))
        return u"there is no event store at %1"_s.arg(path);
    if (auto error = m_connection.open(path, SqliteConnection::Mode::ReadOnly))
        return error;
    const StoreResult<int> version = Migrations::currentVersion(m_connection);
    if (!version) {
        close();
        return version.error();
    }
    if (version.value() < minimumVersion) {
        const int found = version.value();
        close();
        if (found == 0)
            return u"%1 is an empty database, not an event store yet"_s.arg(path);
        return u"the event store %1 has schema version %2, but this needs version %3 or later: start "
               "delegated once so it upgrades the store"_s.arg(path, QString::number(found),
                                                               QString::number(minimumVersion));
    }
    m_schemaVersion = version.value();
    m_events = std::make_unique<EventRepository>(m_connection);
    return std::nullopt;
}

void EventReader::close()
{
    m_events.reset();
    m_connection.close();
    m_schemaVersion = 0;
}

} // namespace delegate
