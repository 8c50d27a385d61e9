// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlitestatement.h"

#include <sqlite3.h>

#include <utility>

namespace delegate {

using namespace Qt::StringLiterals;

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_statement(std::exchange(other.m_statement, nullptr))
{ }

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
    }
    return *this;
}

StoreError SqliteStatement::prepare(sqlite3 *db, const char *sql)
{
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
    m_db = db;
    if (!db)
        return u"the event store is not open"_s;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK) {
        const QString error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        return u"%1 (in: %2)"_s.arg(error, QString::fromUtf8(sql));
    }
    return std::nullopt;
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bindText(int index, QByteArrayView utf8)
{
    // A null data pointer would bind NULL; empty text must stay text.
    sqlite3_bind_text64(m_statement, index, utf8.data() ? utf8.data() : "", sqlite3_uint64(utf8.size()),
                        SQLITE_STATIC, SQLITE_UTF8);
}

void SqliteStatement::bindTextOrNull(int index, QByteArrayView utf8)
{
    if (utf8.isEmpty())
        sqlite3_bind_null(m_statement, index);
    else
        bindText(index, utf8);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

SqliteStatement::Step SqliteStatement::step()
{
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        return Step::Error;
    }
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
}

bool SqliteStatement::columnIsNull(int index) const
{
    return sqlite3_column_type(m_statement, index) == SQLITE_NULL;
}

qint64 SqliteStatement::columnInt64(int index) const
{
    return sqlite3_column_int64(m_statement, index);
}

QByteArrayView SqliteStatement::columnText(int index) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, index));
    return QByteArrayView(text, sqlite3_column_bytes(m_statement, index));
}

QString SqliteStatement::errorMessage() const
{
    if (!m_db)
        return u"the event store is not open"_s;
    return u"%1 (in: %2)"_s.arg(QString::fromUtf8(sqlite3_errmsg(m_db)),
                                QString::fromUtf8(m_statement ? sqlite3_sql(m_statement) : ""));
}

} // namespace delegate
