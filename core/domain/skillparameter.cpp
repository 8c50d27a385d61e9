// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillparameter.h"

#include "jsonreader.h"

namespace delegate {

QJsonObject SkillParameter::toJson() const
{
    return {
        { QLatin1String("name"), name },
        { QLatin1String("description"), description },
        { QLatin1String("required"), required },
        { QLatin1String("default"), defaultValue },
    };
}

SkillParameter SkillParameter::read(JsonReader &reader)
{
    SkillParameter parameter;
    parameter.name = reader.text(QLatin1StringView("name"), JsonReader::Need::Required);
    parameter.description = reader.text(QLatin1StringView("description"));
    parameter.required = reader.boolean(QLatin1StringView("required"), false);
    parameter.defaultValue = reader.text(QLatin1StringView("default"));
    reader.finish();
    return parameter;
}

} // namespace delegate
