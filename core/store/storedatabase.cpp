// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storedatabase.h"

#include "store/migrations.h"
#include "store/postgresdatabase.h"
#include "store/sqlitedatabase.h"

namespace delegate {

using namespace Qt::StringLiterals;

bool StoreDatabase::isPostgresAddress(QStringView address)
{
    return address.startsWith(u"postgresql://"_s) || address.startsWith(u"postgres://"_s);
}

std::unique_ptr<StoreDatabase> StoreDatabase::forAddress(const QString &address)
{
    if (isPostgresAddress(address))
        return std::make_unique<PostgresDatabase>(address);
    return std::make_unique<SqliteDatabase>(address);
}

StoreError StoreDatabase::migrate()
{
    return migrate(Migrations::latestVersion());
}

} // namespace delegate
