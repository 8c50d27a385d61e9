// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqliteconnection.h"

#include "store/sqlitestatement.h"

#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

#include <atomic>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

// Every connection writers, readers and tests open waits this long for a
// lock another connection holds, rather than failing with SQLITE_BUSY.
constexpr int busyTimeoutMs = 10'000;

QString nextConnectionName()
{
    static std::atomic<quint64> counter { 0 };
    return u"delegate-store-%1"_s.arg(++counter);
}

} // namespace

SqliteConnection::SqliteConnection() = default;

SqliteConnection::~SqliteConnection()
{
    close();
}

StoreError SqliteConnection::open(const QString &path, Mode mode)
{
    close();
    if (path.isEmpty())
        return u"no database file given: pass the path of the event store"_s;
    if (mode == Mode::ReadOnly && !QFileInfo::exists(path))
        return u"%1 does not exist"_s.arg(path);

    m_connectionName = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        if (!db.isValid()) {
            db = QSqlDatabase();
            close();
            return u"the Qt SQLite driver (QSQLITE) is not available: install the package libqt6sql6-sqlite"_s;
        }
        db.setDatabaseName(path);
        QString options = u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs);
        if (mode == Mode::ReadOnly)
            options += u";QSQLITE_OPEN_READONLY"_s;
        db.setConnectOptions(options);
        if (!db.open()) {
            const QString reason = db.lastError().text();
            db = QSqlDatabase();
            close();
            return u"cannot open %1: %2. Check that the file and its directory are readable%3"_s.arg(
                path, reason, mode == Mode::ReadWrite ? u" and writable"_s : QString());
        }
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    }
    if (!m_handle) {
        close();
        return u"the Qt SQLite driver did not hand out its sqlite3 handle"_s;
    }
    m_path = path;

    // The first statement is where SQLite notices a file that is not a
    // database at all.
    StoreError failure;
    if (mode == Mode::ReadWrite) {
        SqliteStatement journal;
        if (auto error = journal.prepare(m_handle, "PRAGMA journal_mode=WAL")) {
            failure = u"%1 is not a usable SQLite database (%2). Pass the path of a Delegate event store, "
                      "or move the file away so a new store is created"_s.arg(path, *error);
        } else if (journal.step() != SqliteStatement::Step::Row || journal.columnText(0) != "wal") {
            failure = u"cannot switch %1 to write-ahead logging (%2). The store needs a local file system "
                      "that supports shared memory; choose a path on one"_s.arg(path, lastError());
        }
    } else {
        SqliteStatement probe;
        if (auto error = probe.prepare(m_handle, "SELECT count(*) FROM sqlite_master")) {
            failure =
                u"%1 is not a usable SQLite database (%2). Pass the path of a Delegate event store"_s.arg(
                    path, *error);
        } else if (probe.step() != SqliteStatement::Step::Row) {
            failure =
                u"%1 is not a usable SQLite database (%2). Pass the path of a Delegate event store"_s.arg(
                    path, probe.errorMessage());
        }
    }
    if (failure) {
        close();
        return failure;
    }
    if (auto error = exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON")) {
        close();
        return error;
    }
    return std::nullopt;
}

void SqliteConnection::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_handle = nullptr;
    m_path.clear();
}

QSqlDatabase SqliteConnection::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

StoreError SqliteConnection::exec(const char *sql)
{
    if (!m_handle)
        return u"the event store is not open"_s;
    char *message = nullptr;
    if (sqlite3_exec(m_handle, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString error = QString::fromUtf8(message ? message : sqlite3_errmsg(m_handle));
        sqlite3_free(message);
        return u"%1 (in: %2)"_s.arg(error, QString::fromUtf8(sql));
    }
    return std::nullopt;
}

QString SqliteConnection::lastError() const
{
    return m_handle ? QString::fromUtf8(sqlite3_errmsg(m_handle)) : u"the event store is not open"_s;
}

StoreResult<QString> SqliteConnection::integrityCheck()
{
    SqliteStatement check;
    if (auto error = check.prepare(m_handle, "PRAGMA integrity_check"))
        return StoreResult<QString>::failure(*error);
    QStringList problems;
    SqliteStatement::Step step;
    while ((step = check.step()) == SqliteStatement::Step::Row)
        problems.append(QString::fromUtf8(check.columnText(0)));
    if (step == SqliteStatement::Step::Error)
        return StoreResult<QString>::failure(check.errorMessage());
    return problems.join(u'\n');
}

} // namespace delegate
