// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentyaml.h"

#include "quantities.h"
#include "yamldocument.h"
#include "yamlwriter.h"

namespace delegate {

namespace {

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(u' ');
}

const YamlWriter &writer()
{
    static const YamlWriter writer({
        { QString(), words("name description sandbox pool capabilities limits") },
        { QStringLiteral("pool"), words("ssh_config hosts") },
        { QStringLiteral("hosts"), words("host capacity") },
        { QStringLiteral("capabilities"), words("repository network tools mounts secrets") },
        { QStringLiteral("network"), words("mode hosts") },
        { QStringLiteral("mounts"), words("host sandbox") },
        { QStringLiteral("limits"), words("wall_time cpu_time memory_mb processes file_size_mb output_kb") },
    });
    return writer;
}

void humanizeDuration(QJsonObject &limits, QLatin1StringView key,
                      const std::optional<std::chrono::seconds> &value)
{
    if (value)
        limits.insert(key, formatDuration(*value));
}

} // namespace

LoadResult<EnvironmentProfile> EnvironmentYaml::load(const QString &path)
{
    return YamlDocument::read(path).load<EnvironmentProfile>();
}

LoadResult<EnvironmentProfile> EnvironmentYaml::parse(const QByteArray &text, const QString &fileName)
{
    return YamlDocument::parse(text, fileName).load<EnvironmentProfile>();
}

QByteArray EnvironmentYaml::save(const EnvironmentProfile &profile)
{
    QJsonObject json = profile.toJson();
    QJsonObject limits = json.value(QLatin1String("limits")).toObject();
    humanizeDuration(limits, QLatin1StringView("wall_time"), profile.limits.wallTime);
    humanizeDuration(limits, QLatin1StringView("cpu_time"), profile.limits.cpuTime);
    json.insert(QLatin1String("limits"), limits);
    return writer().write(json);
}

} // namespace delegate
