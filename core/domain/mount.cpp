// SPDX-License-Identifier: GPL-3.0-or-later
#include "mount.h"

#include "jsonreader.h"

namespace delegate {

namespace {

QString readAbsolutePath(JsonReader &reader, QLatin1StringView key)
{
    const QString path = reader.text(key, JsonReader::Need::Required);
    if (!path.isEmpty() && !path.startsWith(u'/'))
        reader.fail(key, QStringLiteral("expected an absolute path, got `%1`").arg(path));
    return path;
}

} // namespace

QJsonObject Mount::toJson() const
{
    return {
        { QLatin1String("host"), hostPath },
        { QLatin1String("sandbox"), sandboxPath },
    };
}

Mount Mount::read(JsonReader &reader)
{
    Mount mount;
    mount.hostPath = readAbsolutePath(reader, QLatin1StringView("host"));
    mount.sandboxPath = readAbsolutePath(reader, QLatin1StringView("sandbox"));
    reader.finish();
    return mount;
}

} // namespace delegate
