// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/issuebatch.h"

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString numbers(const QList<int> &drafts)
{
    QStringList text;
    for (int draft : drafts)
        text.append(QString::number(draft));
    return text.join(u", "_s);
}

} // namespace

QList<int> IssueBatch::pending(qsizetype draftCount, const QList<int> &alreadyCreated)
{
    QList<int> drafts;
    for (int draft = 0; draft < draftCount; ++draft) {
        if (!alreadyCreated.contains(draft))
            drafts.append(draft);
    }
    return drafts;
}

QCoro::Task<void> IssueBatch::run(QList<IssueDraft> drafts, QList<int> alreadyCreated, CreateOne createOne,
                                  QString where, ActionResult *result)
{
    result->skippedDrafts = alreadyCreated;
    const QList<int> todo = pending(drafts.size(), alreadyCreated);
    bool stopped = false;
    for (int draft : todo) {
        const IssueDraft &issueDraft = drafts.at(draft);
        if (stopped) {
            result->failedIssues.append(
                { draft, issueDraft.title, u"not sent: the batch stopped at an earlier failure"_s, false });
            continue;
        }
        auto attemptTask = createOne(draft, issueDraft);
        Attempt attempt = co_await std::move(attemptTask);
        if (attempt.httpStatus != 0)
            result->httpStatus = attempt.httpStatus;
        if (attempt.created) {
            attempt.issue.draft = draft;
            attempt.issue.title = issueDraft.title;
            result->createdIssues.append(attempt.issue);
            continue;
        }
        result->failedIssues.append({ draft, issueDraft.title, attempt.message, true });
        stopped = attempt.stopsBatch;
    }

    QStringList created;
    for (const ActionResult::CreatedIssue &issue : std::as_const(result->createdIssues))
        created.append(u"draft %1 as %2 (%3)"_s.arg(issue.draft).arg(issue.reference, issue.url));
    const QString skipped = alreadyCreated.isEmpty()
        ? QString()
        : u" Drafts %1 were created by an earlier attempt and skipped."_s.arg(numbers(alreadyCreated));

    if (result->failedIssues.isEmpty()) {
        result->ok = true;
        result->message = todo.isEmpty()
            ? u"Every draft was created in %1 by an earlier attempt; nothing new was created."_s.arg(where)
            : u"Created %1 issue(s) in %2: %3."_s.arg(created.size()).arg(where, created.join(u"; "_s))
                + skipped;
        co_return;
    }
    QStringList failed;
    for (const ActionResult::FailedIssue &issue : std::as_const(result->failedIssues)) {
        QString message = issue.message;
        if (message.endsWith(u'.'))
            message.chop(1); // the sentence goes on
        failed.append(u"draft %1 \"%2\": %3"_s.arg(issue.draft).arg(issue.title, message));
    }
    result->ok = false;
    result->message = created.isEmpty() ? u"No issue was created in %1."_s.arg(where)
                                        : u"Created %1 of %2 issue(s) in %3: %4."_s.arg(created.size())
                                              .arg(todo.size())
                                              .arg(where, created.join(u"; "_s));
    result->message += skipped + u" Not created: "_s + failed.join(u"; "_s) + u'.';
    const QList<int> existing = result->createdDrafts();
    result->message += existing.isEmpty()
        ? u" Fix that, then run the action again."_s
        : u" Fix that, then retry with created_drafts [%1] so that only the rest is created."_s.arg(
            numbers(existing));
}

} // namespace delegate
