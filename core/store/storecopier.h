// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/chainverifier.h"
#include "store/storeresult.h"

#include <functional>

namespace delegate {

struct StoreCopyReport
{
    qint64 copied = 0;
    qint64 sourceHeadSequence = 0;
    QString sourceHeadHash;
    // The chain as the target holds it after the copy, walked in full.
    VerifyReport target;

    // Every event arrived and the target's chain verifies up to the
    // source's head.
    bool complete() const
    {
        return target.intact() && copied == sourceHeadSequence && target.headSequence == sourceHeadSequence
            && target.headHash == sourceHeadHash;
    }
};

// Copies an event store's whole history into an empty store, typically an
// SQLite file into a new PostgreSQL team store: every event as it was (its
// sequence, time, actor, kind, payload and hashes untouched, so the chain and
// any exported head stay valid), in sequence, one transaction per batch, then
// indexes the copy for search and by run, and walks the target's chain.
//
// The source is read from one snapshot and never written; an engine that
// appends to it meanwhile does not disturb the copy, but its newer events
// are not part of it.
class StoreCopier final
{
public:
    enum class Phase { Copying, Indexing, Verifying };
    using Progress = std::function<void(Phase phase, qint64 done, qint64 total)>;

    static StoreResult<StoreCopyReport> copy(const QString &fromAddress, const QString &toAddress,
                                             const Progress &progress = {}, int batchSize = 5000);
};

} // namespace delegate
