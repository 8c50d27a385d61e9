// SPDX-License-Identifier: GPL-3.0-or-later
#include "playbookstep.h"

#include "jsonreader.h"

namespace delegate {

QJsonObject PlaybookStep::toJson() const
{
    return {
        { QLatin1String("command"), command },
        { QLatin1String("parser"), parser },
    };
}

PlaybookStep PlaybookStep::read(JsonReader &reader)
{
    PlaybookStep step;
    step.command = reader.text(QLatin1StringView("command"), JsonReader::Need::Required);
    step.parser = reader.text(QLatin1StringView("parser"));
    reader.finish();
    return step;
}

} // namespace delegate
