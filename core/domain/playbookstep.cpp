// SPDX-License-Identifier: GPL-3.0-or-later
#include "playbookstep.h"

#include "jsonreader.h"

namespace delegate {

QJsonObject PlaybookStep::toJson() const
{
    QJsonObject json {
        { QLatin1String("command"), command },
        { QLatin1String("parser"), parser },
    };
    if (!repeat.isEmpty())
        json.insert(QLatin1String("repeat"), repeat);
    return json;
}

PlaybookStep PlaybookStep::read(JsonReader &reader)
{
    PlaybookStep step;
    step.command = reader.text(QLatin1StringView("command"), JsonReader::Need::Required);
    step.parser = reader.text(QLatin1StringView("parser"));
    step.repeat = reader.text(QLatin1StringView("repeat"));
    reader.finish();
    return step;
}

} // namespace delegate
