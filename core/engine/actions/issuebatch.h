// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/issuedraft.h"
#include "engine/actions/actionresult.h"

#include <QCoro/QCoroTask>
#include <QList>

#include <functional>

namespace delegate {

// Creates issues one draft at a time and keeps count, so that a batch that
// fails half-way says exactly which drafts exist now. Drafts created by an
// earlier attempt (parameters.created_drafts) are skipped, never filed twice.
class IssueBatch final
{
public:
    struct Attempt
    {
        bool created = false;
        ActionResult::CreatedIssue issue; // when created
        QString message; // when not: what went wrong and what to fix
        // The failure concerns every draft (a bad token, a wrong repository):
        // the rest are not sent.
        bool stopsBatch = false;
        int httpStatus = 0;
    };
    using CreateOne = std::function<QCoro::Task<Attempt>(int draft, IssueDraft issueDraft)>;

    // Indices of drafts still to create, in order.
    static QList<int> pending(qsizetype draftCount, const QList<int> &alreadyCreated);

    // Runs createOne for each pending draft and fills the result's issue
    // lists, ok flag and message. `where` names the tracker and place, e.g.
    // "GitHub repository octo/widgets".
    static QCoro::Task<void> run(QList<IssueDraft> drafts, QList<int> alreadyCreated, CreateOne createOne,
                                 QString where, ActionResult *result);
};

} // namespace delegate
