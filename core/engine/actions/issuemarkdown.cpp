// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/issuemarkdown.h"

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

void section(QString &body, const QString &heading, const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    body += u"## "_s + heading + u"\n\n"_s + text.trimmed() + u"\n\n"_s;
}

void listSection(QString &body, const QString &heading, const QStringList &items, const QString &marker)
{
    QString list;
    for (const QString &item : items) {
        if (!item.trimmed().isEmpty())
            list += marker + item.trimmed() + u'\n';
    }
    if (!list.isEmpty())
        body += u"## "_s + heading + u"\n\n"_s + list + u'\n';
}

} // namespace

QString IssueMarkdown::render(const IssueDraft &draft, const QString &runId)
{
    QString body;
    section(body, u"Context"_s, draft.sourceContext);
    section(body, u"Current behaviour"_s, draft.currentBehaviour);
    section(body, u"Expected behaviour"_s, draft.expectedBehaviour);
    section(body, u"Scope"_s, draft.scope);
    listSection(body, u"Acceptance criteria"_s, draft.acceptanceCriteria, u"- [ ] "_s);
    listSection(body, u"Open questions"_s, draft.openQuestions, u"- "_s);
    body +=
        u"---\nDrafted by Delegate in run `%1` and approved by a reviewer before it was filed."_s.arg(runId);
    return body;
}

} // namespace delegate
