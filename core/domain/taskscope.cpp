// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskscope.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

namespace {

void checkRelative(JsonReader &reader, QLatin1StringView key, const QStringList &paths)
{
    for (const QString &path : paths) {
        if (path.startsWith(u'/') || path == QLatin1String("..") || path.startsWith(QLatin1String("../"))
            || path.contains(QLatin1String("/../"))) {
            reader.fail(key,
                        QStringLiteral("`%1` leaves the repository: write paths relative to its root, "
                                       "such as services/checkout/")
                            .arg(path));
        }
    }
}

} // namespace

QJsonObject TaskScope::toJson() const
{
    return {
        { QLatin1String("repository"), repository },
        { QLatin1String("base_ref"), baseRef },
        { QLatin1String("include"), json::array(include) },
        { QLatin1String("exclude"), json::array(exclude) },
    };
}

TaskScope TaskScope::read(JsonReader &reader)
{
    TaskScope scope;
    scope.repository = reader.text(QLatin1StringView("repository"));
    scope.baseRef = reader.text(QLatin1StringView("base_ref"));
    scope.include = reader.textList(QLatin1StringView("include"));
    scope.exclude = reader.textList(QLatin1StringView("exclude"));
    checkRelative(reader, QLatin1StringView("include"), scope.include);
    checkRelative(reader, QLatin1StringView("exclude"), scope.exclude);
    reader.finish();
    return scope;
}

} // namespace delegate
