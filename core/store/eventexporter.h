// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/eventrepository.h"
#include "store/storeresult.h"

class QIODevice;

namespace delegate {

class HistoryQuery;
struct HistoryRequest;

struct ExportSummary
{
    qint64 exported = 0;
    // The newest event of the whole chain when the export ran, filtered or
    // not: what a full export's last event must hash to.
    qint64 headSequence = 0;
    QString headHash;
};

// Writes events for people and tools outside Delegate, in sequence order,
// from one snapshot of the store.
//
// JSONL: one event per line, as canonical JSON including its hash (so
// dropping "hash" from a line gives exactly the bytes the hash covers), then
// one last line
//   {"chain_head":{"hash":"…","sequence":N},"exported":M,"filter":{…},
//    "format":"delegate-events-1"}
//
// CSV (RFC 4180, header row first): sequence,time,run_id,actor,kind,payload,
// prev_hash,hash, with payload as canonical JSON and an empty run_id for
// engine-wide events, then one last line that is not a record:
//   # chain_head sequence=N hash=… exported=M
//
// docs/store.md shows how to recompute the chain from either.
class EventExporter final
{
public:
    enum class Format { Jsonl, Csv };

    static StoreResult<ExportSummary> write(EventRepository &events, QIODevice &out, Format format,
                                            const EventFilter &filter = {});
    // The history's selection (filter and search, request's order and
    // cursor ignored: always oldest first, all of it). Its JSONL trailer has
    // the history filter and query under "filter" and says under "verify"
    // how to check the file; its CSV has one more comment line, "# verify: …".
    static StoreResult<ExportSummary> write(HistoryQuery &query, EventRepository &events, QIODevice &out,
                                            Format format, const HistoryRequest &request);
    // How anyone checks an export, in one sentence.
    static QString verificationText();
};

} // namespace delegate
