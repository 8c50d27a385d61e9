// SPDX-License-Identifier: GPL-3.0-or-later
#include "issuedraft.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

QJsonObject IssueDraft::toJson() const
{
    return {
        { QLatin1String("title"), title },
        { QLatin1String("source_context"), sourceContext },
        { QLatin1String("current_behaviour"), currentBehaviour },
        { QLatin1String("expected_behaviour"), expectedBehaviour },
        { QLatin1String("scope"), scope },
        { QLatin1String("acceptance_criteria"), json::array(acceptanceCriteria) },
        { QLatin1String("open_questions"), json::array(openQuestions) },
    };
}

IssueDraft IssueDraft::read(JsonReader &reader)
{
    IssueDraft draft;
    draft.title = reader.text(QLatin1StringView("title"), JsonReader::Need::Required);
    draft.sourceContext = reader.text(QLatin1StringView("source_context"));
    draft.currentBehaviour = reader.text(QLatin1StringView("current_behaviour"));
    draft.expectedBehaviour = reader.text(QLatin1StringView("expected_behaviour"));
    draft.scope = reader.text(QLatin1StringView("scope"));
    draft.acceptanceCriteria = reader.textList(QLatin1StringView("acceptance_criteria"));
    draft.openQuestions = reader.textList(QLatin1StringView("open_questions"));
    reader.finish();
    return draft;
}

} // namespace delegate
