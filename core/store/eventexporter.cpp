// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventexporter.h"

#include "domain/canonicaljson.h"
#include "domain/event.h"

#include <QIODevice>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype flushThreshold = 256 * 1024;

void appendCsvField(QByteArray &out, QByteArrayView field)
{
    if (!field.contains('"') && !field.contains(',') && !field.contains('\n') && !field.contains('\r')) {
        out.append(field);
        return;
    }
    out.append('"');
    for (char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

void appendCsvRow(QByteArray &out, const EncodedEvent &event, QByteArrayView hash)
{
    CanonicalJson::appendInteger(out, event.sequence);
    out.append(',');
    Event::appendTime(out, event.timeMs);
    out.append(',');
    appendCsvField(out, event.runId);
    out.append(',');
    appendCsvField(out, event.actor);
    out.append(',');
    appendCsvField(out, event.kind);
    out.append(',');
    appendCsvField(out, event.payload);
    out.append(',');
    out.append(event.prevHash);
    out.append(',');
    out.append(hash);
    out.append("\r\n");
}

QByteArray jsonTrailer(const ChainHead &head, qint64 exported, const EventFilter &filter)
{
    QByteArray out = R"({"chain_head":{"hash":")";
    out.append(head.hash);
    out.append(R"(","sequence":)");
    CanonicalJson::appendInteger(out, head.sequence);
    out.append(R"(},"exported":)");
    CanonicalJson::appendInteger(out, exported);
    out.append(R"(,"filter":{)");
    if (!filter.runId.isEmpty()) {
        out.append(R"("run_id":)");
        CanonicalJson::appendString(out, filter.runId);
    }
    if (filter.sinceMs) {
        if (!filter.runId.isEmpty())
            out.append(',');
        out.append(R"("since":")");
        Event::appendTime(out, *filter.sinceMs);
        out.append('"');
    }
    out.append(R"(},"format":"delegate-events-1"})"
               "\n");
    return out;
}

} // namespace

StoreResult<ExportSummary> EventExporter::write(EventRepository &events, QIODevice &out, Format format,
                                                const EventFilter &filter)
{
    if (auto error = events.beginRead())
        return StoreResult<ExportSummary>::failure(*error);
    const StoreResult<ChainHead> head = events.lastEvent();
    if (!head) {
        events.rollback();
        return StoreResult<ExportSummary>::failure(head.error());
    }

    ExportSummary summary;
    summary.headSequence = head->sequence;
    summary.headHash = QString::fromLatin1(head->hash);
    QByteArray buffer;
    buffer.reserve(flushThreshold + 64 * 1024);
    QString writeError;
    const auto flush = [&]() {
        if (!buffer.isEmpty() && out.write(buffer) != buffer.size()) {
            writeError = u"writing the export failed: %1. Check free disk space and that the output is "
                         "writable"_s.arg(out.errorString());
            return false;
        }
        buffer.resize(0);
        return true;
    };

    if (format == Format::Csv)
        buffer.append("sequence,time,run_id,actor,kind,payload,prev_hash,hash\r\n");
    const StoreError error = events.forEach(filter, [&](const EncodedEvent &event, QByteArrayView hash) {
        if (format == Format::Jsonl) {
            Event::appendCanonicalJson(buffer, event, hash);
            buffer.append('\n');
        } else {
            appendCsvRow(buffer, event, hash);
        }
        ++summary.exported;
        return buffer.size() < flushThreshold || flush();
    });
    events.rollback();
    if (error)
        return StoreResult<ExportSummary>::failure(*error);
    if (!writeError.isEmpty())
        return StoreResult<ExportSummary>::failure(writeError);

    if (format == Format::Jsonl) {
        buffer.append(jsonTrailer(head.value(), summary.exported, filter));
    } else {
        buffer.append("# chain_head sequence=");
        CanonicalJson::appendInteger(buffer, head->sequence);
        buffer.append(" hash=");
        buffer.append(head->hash);
        buffer.append(" exported=");
        CanonicalJson::appendInteger(buffer, summary.exported);
        buffer.append("\r\n");
    }
    if (!flush())
        return StoreResult<ExportSummary>::failure(writeError);
    return summary;
}

} // namespace delegate
