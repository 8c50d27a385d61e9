// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskyaml.h"

#include "quantities.h"
#include "yamldocument.h"
#include "yamlwriter.h"

namespace delegate {

namespace {

QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(u' ');
}

} // namespace

const QHash<QString, QStringList> &TaskYaml::keyOrder()
{
    static const QHash<QString, QStringList> order {
        { QString(),
          words("title objective scope context constraints expected_artifact acceptance_criteria verify "
                "checkpoint_policy limits environment agent attempts skill") },
        { QStringLiteral("scope"), words("repository base_ref include exclude") },
        { QStringLiteral("context"), words("label file url text") },
        { QStringLiteral("expected_artifact"), words("kind description") },
        { QStringLiteral("limits"), words("wall_time steps tokens cost_usd") },
        { QStringLiteral("agent"), words("runtime provider model") },
        { QStringLiteral("skill"), words("name parameters") },
    };
    return order;
}

LoadResult<TaskSpec> TaskYaml::load(const QString &path)
{
    return YamlDocument::read(path).load<TaskSpec>();
}

LoadResult<TaskSpec> TaskYaml::parse(const QByteArray &text, const QString &fileName)
{
    return YamlDocument::parse(text, fileName).load<TaskSpec>();
}

QByteArray TaskYaml::save(const TaskSpec &task)
{
    static const YamlWriter writer(keyOrder());
    return writer.write(yamlTree(task));
}

QJsonObject TaskYaml::yamlTree(const TaskSpec &task)
{
    QJsonObject json = task.toJson();
    QJsonObject limits = json.value(QLatin1String("limits")).toObject();
    if (task.limits.wallTime)
        limits.insert(QLatin1String("wall_time"), formatDuration(*task.limits.wallTime));
    if (task.limits.tokens)
        limits.insert(QLatin1String("tokens"), formatCount(*task.limits.tokens));
    json.insert(QLatin1String("limits"), limits);
    return json;
}

} // namespace delegate
