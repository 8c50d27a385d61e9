// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

#include <QString>

#include <functional>

namespace delegate {

class EventRepository;

// The outcome of walking the hash chain.
struct VerifyReport
{
    enum class Problem {
        None,
        HashMismatch, // the event's content does not hash to its stored hash: it was changed
        PrevHashMismatch, // its prev_hash is not the previous event's hash: events were replaced or reordered
        SequenceGap, // an event is missing
        HeadMismatch, // the newest events differ from the head the writer recorded: removed or added by hand
    };

    Problem problem = Problem::None;
    qint64 checked = 0; // events whose hash and link were confirmed
    qint64 brokenSequence = 0; // the first broken (or missing) event
    QString detail; // what exactly differs
    // The broken event's run (empty for an engine-wide event, or when the
    // event is missing), and the two values that disagree: for a hash
    // mismatch the stored hash and the one its content hashes to, for a
    // prev_hash mismatch its prev_hash and the previous event's hash.
    QString brokenRunId;
    QString expected;
    QString found;
    qint64 headSequence = 0;
    QString headHash;

    bool intact() const { return problem == Problem::None; }
    // "hash_mismatch", "prev_hash_mismatch", "sequence_gap", "head_mismatch"
    static QString problemName(Problem problem);
    // "hash mismatch", ... for sentences.
    static QString problemText(Problem problem);
};

// Walks the chain in sequence order, streaming, and stops at the first
// broken event. For each event it checks, in this order: that its sequence
// follows the previous one, that its hash matches its content, and that its
// prev_hash is the previous event's hash. At the end it compares the last
// event with the head the writer recorded, which catches events removed
// from the end (the chain alone cannot).
class ChainVerifier final
{
public:
    // Called every progressInterval events and once at the end.
    using Progress = std::function<void(qint64 checked, qint64 total)>;

    static StoreResult<VerifyReport> verify(EventRepository &events, const Progress &progress = {},
                                            qint64 progressInterval = 65'536);
};

} // namespace delegate
