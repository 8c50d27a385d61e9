// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QByteArrayView>

struct sqlite3;
struct sqlite3_stmt;

namespace delegate {

// A prepared SQLite statement, finalized on destruction. Statements must be
// destroyed before the connection they were prepared on is closed.
class SqliteStatement final
{
public:
    enum class Step { Row, Done, Error };

    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    Q_DISABLE_COPY(SqliteStatement)

    // The error names the statement, so a message says what was attempted.
    [[nodiscard]] StoreError prepare(sqlite3 *db, const char *sql);
    bool isPrepared() const { return m_statement != nullptr; }

    // Indexes start at 1. Text is bound without copying: the bytes must stay
    // valid until the next step() or reset().
    void bind(int index, qint64 value);
    void bindText(int index, QByteArrayView utf8);
    // Empty text binds NULL.
    void bindTextOrNull(int index, QByteArrayView utf8);
    void bindNull(int index);

    Step step();
    // Makes the statement ready to run again; bindings stay until replaced.
    void reset();

    bool columnIsNull(int index) const;
    qint64 columnInt64(int index) const;
    // Valid until the next step(), reset() or column call on the same column.
    QByteArrayView columnText(int index) const;

    // What SQLite said about the last failed step, with the statement's text.
    QString errorMessage() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace delegate
