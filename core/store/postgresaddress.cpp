// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgresaddress.h"

#include <QUrl>
#include <QUrlQuery>

namespace delegate {

using namespace Qt::StringLiterals;

StoreResult<PostgresAddress> PostgresAddress::parse(const QString &address)
{
    const auto fail = [&address](const QString &problem) {
        return StoreResult<PostgresAddress>::failure(
            u"the store address %1 %2. Write it as postgresql://user@host:port/database"_s.arg(address,
                                                                                               problem));
    };
    const QUrl url(address, QUrl::StrictMode);
    if (!url.isValid())
        return fail(u"is not a valid URL (%1)"_s.arg(url.errorString()));
    if (url.scheme() != u"postgresql" && url.scheme() != u"postgres")
        return fail(u"does not start with postgresql://"_s);
    if (!url.password().isEmpty()) {
        return StoreResult<PostgresAddress>::failure(
            u"the store address %1 contains a password: remove it from the address and put it in the "
            "password file (~/.pgpass, or the file PGPASSFILE names) or in PGPASSWORD"_s.arg(
                url.toString(QUrl::RemovePassword)));
    }
    PostgresAddress parsed;
    parsed.host = url.host();
    if (parsed.host.isEmpty())
        return fail(u"names no host"_s);
    parsed.port = url.port(5432);
    parsed.user = url.userName();
    parsed.database = url.path().mid(1);
    if (parsed.database.isEmpty() || parsed.database.contains(u'/'))
        return fail(u"names no database (the part after the last /)"_s);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"password") {
            return StoreResult<PostgresAddress>::failure(
                u"the store address for database %1 contains a password: remove it from the address and put "
                "it in the password file (~/.pgpass, or the file PGPASSFILE names) or in PGPASSWORD"_s.arg(
                    parsed.database));
        }
        if (value.contains(u';'))
            return fail(u"has a ';' in the option %1, which the connection cannot pass on"_s.arg(key));
        parsed.options.append({ key, value });
    }
    return parsed;
}

QString PostgresAddress::toString() const
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(u'/' + database);
    if (!options.isEmpty()) {
        QUrlQuery query;
        query.setQueryItems(options);
        url.setQuery(query);
    }
    return url.toString();
}

QString PostgresAddress::connectOptions() const
{
    QStringList pairs;
    bool hasTimeout = false;
    for (const auto &[key, value] : options) {
        pairs.append(key + u'=' + value);
        hasTimeout = hasTimeout || key == u"connect_timeout";
    }
    // An unreachable server fails within seconds instead of the kernel's
    // TCP timeout of minutes.
    if (!hasTimeout)
        pairs.append(u"connect_timeout=10"_s);
    return pairs.join(u';');
}

} // namespace delegate
