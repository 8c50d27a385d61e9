// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventexporter.h"

#include "domain/canonicaljson.h"
#include "domain/event.h"
#include "store/historyquery.h"

#include <QIODevice>
#include <QJsonObject>

#include <functional>

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

using RowSource = std::function<StoreError(const EventRepository::RowVisitor &)>;
using Trailer = std::function<QByteArray(const ChainHead &head, qint64 exported)>;

// Writes the rows a source yields, in one snapshot, then the trailer.
StoreResult<ExportSummary> writeRows(EventRepository &events, QIODevice &out, EventExporter::Format format,
                                     const RowSource &rows, const Trailer &trailer)
{
    using Format = EventExporter::Format;
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
    const StoreError error = rows([&](const EncodedEvent &event, QByteArrayView hash) {
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

    buffer.append(trailer(head.value(), summary.exported));
    if (!flush())
        return StoreResult<ExportSummary>::failure(writeError);
    return summary;
}

QByteArray csvTrailer(const ChainHead &head, qint64 exported)
{
    QByteArray out = "# chain_head sequence=";
    CanonicalJson::appendInteger(out, head.sequence);
    out.append(" hash=");
    out.append(head.hash);
    out.append(" exported=");
    CanonicalJson::appendInteger(out, exported);
    out.append("\r\n");
    return out;
}

} // namespace

StoreResult<ExportSummary> EventExporter::write(EventRepository &events, QIODevice &out, Format format,
                                                const EventFilter &filter)
{
    const RowSource rows = [&](const EventRepository::RowVisitor &visit) {
        return events.forEach(filter, visit);
    };
    const Trailer trailer = [&](const ChainHead &head, qint64 exported) {
        return format == Format::Jsonl ? jsonTrailer(head, exported, filter) : csvTrailer(head, exported);
    };
    return writeRows(events, out, format, rows, trailer);
}

QString EventExporter::verificationText()
{
    return u"each event's hash is SHA-256 over its prev_hash followed by its line without the hash member "
           "(canonical JSON); in a full export each prev_hash is the previous event's hash and the last hash "
           "is chain_head.hash; docs/store.md shows a script"_s;
}

StoreResult<ExportSummary> EventExporter::write(HistoryQuery &query, EventRepository &events, QIODevice &out,
                                                Format format, const HistoryRequest &request)
{
    HistoryRequest ordered = request;
    ordered.oldestFirst = true;
    ordered.cursor = 0;
    const RowSource rows = [&](const EventRepository::RowVisitor &visit) {
        return query.forEach(ordered, [&](const EncodedEvent &event, QByteArrayView hash, QByteArrayView) {
            return visit(event, hash);
        });
    };
    const Trailer trailer = [&](const ChainHead &head, qint64 exported) {
        if (format == Format::Csv) {
            return QByteArray(csvTrailer(head, exported) + "# verify: " + verificationText().toUtf8()
                              + "\r\n");
        }
        QJsonObject filter = request.filter.toJson();
        if (!request.query.isEmpty())
            filter.insert(u"query"_s, request.query);
        const QJsonObject object {
            { u"chain_head"_s,
              QJsonObject { { u"hash"_s, QString::fromLatin1(head.hash) },
                            { u"sequence"_s, head.sequence } } },
            { u"exported"_s, exported },
            { u"filter"_s, filter },
            { u"format"_s, u"delegate-events-1"_s },
            { u"verify"_s, verificationText() },
        };
        return QByteArray(CanonicalJson::serialize(object) + '\n');
    };
    return writeRows(events, out, format, rows, trailer);
}

} // namespace delegate
