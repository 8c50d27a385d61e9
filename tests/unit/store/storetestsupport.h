// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers the store tests share: building stores with a known history and
// damaging them the way someone with the database file could.

#include "domain/canonicaljson.h"
#include "domain/event.h"
#include "store/eventrepository.h"
#include "store/migrations.h"
#include "store/sqliteconnection.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate::test {

struct ChainEntry
{
    qint64 timeMs = 1'714'564'800'000; // 2024-05-01T12:00:00Z
    QString runId;
    QString kind = QStringLiteral("test.event");
    QJsonObject payload;
    QString actor = QStringLiteral("agent");
};

// Appends entries to the chain in the store at path (created at the given
// schema version when missing), through the repository but without the
// writer, so a test decides the times. Returns an error message or nothing.
inline StoreError appendChain(const QString &path, const QList<ChainEntry> &entries,
                              int version = Migrations::latestVersion())
{
    SqliteConnection connection;
    if (auto error = connection.open(path, SqliteConnection::Mode::ReadWrite))
        return error;
    if (auto error = Migrations::migrate(connection, version))
        return error;
    EventRepository events(connection);
    if (auto error = events.beginWrite())
        return error;
    const StoreResult<ChainHead> last = events.lastEvent();
    if (!last)
        return last.error();
    ChainHead head = last.value();
    for (const ChainEntry &entry : entries) {
        const QByteArray runId = entry.runId.toUtf8();
        const QByteArray actor = entry.actor.toUtf8();
        const QByteArray kind = entry.kind.toUtf8();
        const QByteArray payload = CanonicalJson::serialize(entry.payload);
        EncodedEvent event { head.sequence + 1, runId, entry.timeMs, actor, kind, payload, head.hash };
        const QByteArray hash = Event::chainHash(head.hash, Event::canonicalJson(event));
        if (auto error = events.insert(event, hash))
            return error;
        head = ChainHead { event.sequence, hash };
    }
    if (auto error = events.recordHead(head))
        return error;
    return events.commit();
}

// Runs SQL on the store's file the way anyone with write access could.
inline StoreError execSql(const QString &path, const char *sql)
{
    SqliteConnection connection;
    if (auto error = connection.open(path, SqliteConnection::Mode::ReadWrite))
        return error;
    return connection.exec(sql);
}

inline QList<ChainEntry> numberedEntries(int count, qint64 firstTimeMs = 1'714'564'800'000)
{
    QList<ChainEntry> entries;
    for (int i = 1; i <= count; ++i) {
        ChainEntry entry;
        entry.timeMs = firstTimeMs + i * 1000;
        entry.runId = i % 3 == 0 ? QString() : QStringLiteral("run-%1").arg(i % 3);
        entry.payload.insert(QStringLiteral("n"), i);
        entry.payload.insert(QStringLiteral("text"), QStringLiteral("event number %1").arg(i));
        entries.append(entry);
    }
    return entries;
}

} // namespace delegate::test
