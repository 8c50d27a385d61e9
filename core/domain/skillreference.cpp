// SPDX-License-Identifier: GPL-3.0-or-later
#include "skillreference.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject SkillReference::toJson() const
{
    return {
        { QLatin1String("name"), name },
        { QLatin1String("parameters"), json::object(parameters) },
    };
}

SkillReference SkillReference::read(JsonReader &reader)
{
    SkillReference skill;
    skill.name = reader.text(QLatin1StringView("name"), JsonReader::Need::Required);
    skill.parameters = reader.textMap(QLatin1StringView("parameters"));
    reader.finish();
    return skill;
}

} // namespace delegate
