// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/historyfilter.h"

#include "domain/event.h"
#include "domain/runstate.h"

#include <QDateTime>
#include <QJsonArray>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

const QStringList knownKeys { u"since"_s, u"until"_s,       u"run_id"_s, u"task"_s, u"skill"_s,
                              u"agent"_s, u"environment"_s, u"state"_s,  u"kind"_s, u"actor"_s };

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool readTime(const QJsonObject &json, const QString &key, std::optional<qint64> &out, QString *error)
{
    if (!json.contains(key))
        return true;
    const QDateTime time = QDateTime::fromString(json.value(key).toString(), Qt::ISODateWithMs);
    if (!time.isValid()) {
        *error = u"filter.%1 must be an ISO 8601 time such as 2024-05-01T00:00:00Z, not '%2'"_s.arg(
            key, json.value(key).toVariant().toString());
        return false;
    }
    out = time.toMSecsSinceEpoch();
    return true;
}

bool readList(const QJsonObject &json, const QString &key, QStringList &out, QString *error)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isString()) {
        out = { value.toString() };
        return true;
    }
    if (!value.isArray()) {
        *error = u"filter.%1 must be a string or an array of strings"_s.arg(key);
        return false;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString()) {
            *error = u"filter.%1 must be a string or an array of strings"_s.arg(key);
            return false;
        }
        out.append(item.toString());
    }
    return true;
}

} // namespace

bool HistoryFilter::isEmpty() const
{
    return *this == HistoryFilter {};
}

bool HistoryFilter::hasRunAttributes() const
{
    return !taskTitle.isEmpty() || !skill.isEmpty() || !agent.isEmpty() || !environment.isEmpty()
        || !states.isEmpty();
}

QJsonObject HistoryFilter::toJson() const
{
    QJsonObject json;
    if (sinceMs)
        json.insert(u"since"_s, timeText(*sinceMs));
    if (untilMs)
        json.insert(u"until"_s, timeText(*untilMs));
    const std::pair<QString, const QString *> texts[] = {
        { u"run_id"_s, &runId }, { u"task"_s, &taskTitle },          { u"skill"_s, &skill },
        { u"agent"_s, &agent },  { u"environment"_s, &environment }, { u"actor"_s, &actor },
    };
    for (const auto &[key, value] : texts) {
        if (!value->isEmpty())
            json.insert(key, *value);
    }
    if (!states.isEmpty())
        json.insert(u"state"_s, QJsonArray::fromStringList(states));
    if (!kinds.isEmpty())
        json.insert(u"kind"_s, QJsonArray::fromStringList(kinds));
    return json;
}

std::optional<HistoryFilter> HistoryFilter::fromJson(const QJsonObject &json, QString *error)
{
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!knownKeys.contains(it.key())) {
            *error = u"filter.%1 is not a filter; use %2"_s.arg(it.key(), knownKeys.join(u", "_s));
            return std::nullopt;
        }
    }
    HistoryFilter filter;
    if (!readTime(json, u"since"_s, filter.sinceMs, error)
        || !readTime(json, u"until"_s, filter.untilMs, error))
        return std::nullopt;
    filter.runId = json.value("run_id"_L1).toString();
    filter.taskTitle = json.value("task"_L1).toString();
    filter.skill = json.value("skill"_L1).toString();
    filter.agent = json.value("agent"_L1).toString();
    filter.environment = json.value("environment"_L1).toString();
    filter.actor = json.value("actor"_L1).toString();
    if (!readList(json, u"state"_s, filter.states, error) || !readList(json, u"kind"_s, filter.kinds, error))
        return std::nullopt;
    for (const QString &state : std::as_const(filter.states)) {
        if (!enumFromString<RunState>(state)) {
            *error = u"filter.state '%1' is not a run state; use one of %2"_s.arg(
                state, enumNameList<RunState>().join(u", "_s));
            return std::nullopt;
        }
    }
    for (const QString &kind : std::as_const(filter.kinds)) {
        const QString name = kind.endsWith(u".*"_s) ? kind.chopped(2) : kind;
        if (!Event::isValidKind(name)) {
            *error = u"filter.kind '%1' is not an event kind: use a dotted name such as tool.call, or "
                     "checkpoint.* for every kind that starts so"_s.arg(kind);
            return std::nullopt;
        }
    }
    if (!filter.actor.isEmpty() && !Event::isValidActor(filter.actor)) {
        *error = u"filter.actor '%1' is not an actor; use agent, system or user:<name>"_s.arg(filter.actor);
        return std::nullopt;
    }
    if (filter.sinceMs && filter.untilMs && *filter.untilMs <= *filter.sinceMs) {
        *error = u"filter.until must be later than filter.since"_s;
        return std::nullopt;
    }
    return filter;
}

} // namespace delegate
