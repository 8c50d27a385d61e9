// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/actionparameters.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace delegate {

ActionParameters::ActionParameters(const QJsonObject &parameters)
    : m_reader(parameters, &m_errors, JsonReader::UnknownKeys::Reject)
{ }

QString ActionParameters::text(QLatin1StringView key, JsonReader::Need need)
{
    return m_reader.text(key, need).trimmed();
}

QStringList ActionParameters::textList(QLatin1StringView key)
{
    return m_reader.textList(key);
}

bool ActionParameters::boolean(QLatin1StringView key, bool fallback)
{
    return m_reader.boolean(key, fallback);
}

QList<int> ActionParameters::indices(QLatin1StringView key, qsizetype count)
{
    QList<int> result;
    const QJsonValue value = m_reader.value(key);
    if (value.isUndefined() || value.isNull())
        return result;
    if (!value.isArray()) {
        m_reader.fail(
            key, u"expected a list of draft numbers counted from 0, got "_s + JsonReader::describe(value));
        return result;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const double number = item.toDouble(-1);
        if (!item.isDouble() || number < 0 || number >= double(count) || number != double(int(number))) {
            m_reader.fail(key,
                          u"%1 is not a draft of this artifact: give numbers from 0 to %2"_s
                              .arg(item.isDouble() ? QString::number(number) : JsonReader::describe(item))
                              .arg(count - 1));
            continue;
        }
        if (!result.contains(int(number)))
            result.append(int(number));
    }
    std::sort(result.begin(), result.end());
    return result;
}

void ActionParameters::fail(QLatin1StringView key, const QString &message)
{
    m_reader.fail(key, message);
}

QStringList ActionParameters::problems()
{
    m_reader.finish();
    QStringList problems;
    for (const FieldError &error : std::as_const(m_errors))
        problems.append(u"parameters."_s + error.toString());
    return problems;
}

} // namespace delegate
