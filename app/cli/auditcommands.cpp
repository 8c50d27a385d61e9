// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"

#include "store/chainverifier.h"
#include "store/eventexporter.h"
#include "store/eventreader.h"
#include "store/eventstore.h"
#include "store/storedatabase.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <memory>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

// Above this many events, verify shows its progress without being asked.
constexpr qint64 progressThreshold = 100'000;

const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"show this help"_s);
const QCommandLineOption jsonOption(u"json"_s, u"print the result as a JSON object"_s);
const QCommandLineOption
    storeOption(u"store"_s, u"the event store: its database file, or postgresql://user@host:port/database"_s,
                u"PATH|URL"_s);

const char *const storeHelp = "  --store PATH   the event store (default: the engine's, in the user's data\n"
                              "                 directory, e.g. ~/.local/share/delegate/delegate.db)\n";

void printJson(Console &console, const QJsonObject &object)
{
    console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    console.out().flush();
}

int usageError(Console &console, const QString &command, const QString &problem, const char *usage)
{
    console.err() << "delegatectl " << command << ": " << problem << "\n\n" << usage;
    console.err().flush();
    return ExitUsage;
}

// Parses the arguments; returns an exit code when the command is done
// already (help shown or a usage error reported).
std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments, Console &console,
                         const QString &command, const char *usage)
{
    parser.addOption(helpOption);
    parser.addOption(storeOption);
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        return usageError(console, command, parser.errorText(), usage);
    if (parser.isSet(helpOption)) {
        console.out() << usage;
        console.out().flush();
        return ExitOk;
    }
    return std::nullopt;
}

QString storePath(const QCommandLineParser &parser)
{
    return parser.isSet(storeOption) ? parser.value(storeOption) : EventStore::defaultPath();
}

// Opens the store for reading; on failure reports the problem and the fix
// and returns the exit code.
std::optional<int> openStore(EventReader &reader, const QCommandLineParser &parser, int minimumVersion,
                             Console &console, const QString &command)
{
    const QString path = storePath(parser);
    if (!StoreDatabase::isPostgresAddress(path) && !QFileInfo::exists(path)) {
        console.err() << "delegatectl " << command << ": there is no event store at " << path << ".\n"
                      << "Start delegated once to create it, or pass --store PATH to name another store.\n";
        console.err().flush();
        return ExitUnavailable;
    }
    if (auto error = reader.open(path, minimumVersion)) {
        console.err() << "delegatectl " << command << ": " << *error << ".\n";
        console.err().flush();
        return ExitUnavailable;
    }
    return std::nullopt;
}

int storeFailure(Console &console, const QString &command, const QString &error)
{
    console.err() << "delegatectl " << command << ": reading the event store failed: " << error << ".\n";
    console.err().flush();
    return ExitUnavailable;
}

std::optional<qint64> parseTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        time = date.startOfDay(Qt::UTC);
    }
    // A time without an offset is UTC, as the store's times are.
    if (time.timeSpec() == Qt::LocalTime)
        time = QDateTime(time.date(), time.time(), Qt::UTC);
    return time.toMSecsSinceEpoch();
}

// --- verify

const char verifyUsage[] =
    "Usage: delegatectl audit verify [--store PATH] [--json] [--progress]\n\n"
    "Walks the event log's hash chain from the first event to the newest and stops at\n"
    "the first broken one: an event changed after it was written (hash mismatch), a\n"
    "replaced event (prev_hash mismatch), a missing event (sequence gap), or events\n"
    "removed from or added to the end (head mismatch).\n\n"
    "  --json         print the result as a JSON object\n"
    "  --progress     show progress on standard error (shown anyway above 100000 events)\n"
    "  --quiet        never show progress\n"
    "%STORE%\n"
    "Exit codes: 0 intact, 1 broken, 69 the store cannot be read, 64 wrong arguments.\n";

QString usageWithStore(const char *usage)
{
    return QString::fromUtf8(usage).replace(u"%STORE%"_s, QString::fromUtf8(storeHelp));
}

} // namespace

QStringList AuditVerifyCommand::path() const
{
    return { u"audit"_s, u"verify"_s };
}

QString AuditVerifyCommand::summary() const
{
    return u"check the event log's hash chain; name the first broken event"_s;
}

QCoro::Task<int> AuditVerifyCommand::run(QStringList arguments, Console &console)
{
    const QByteArray usage = usageWithStore(verifyUsage).toUtf8();
    const QString command = u"audit verify"_s;
    QCommandLineParser parser;
    const QCommandLineOption progressOption(u"progress"_s, u"show progress"_s);
    const QCommandLineOption quietOption(u"quiet"_s, u"no progress"_s);
    parser.addOptions({ jsonOption, progressOption, quietOption });
    if (auto done = parse(parser, arguments, console, command, usage.constData()))
        co_return *done;
    if (!parser.positionalArguments().isEmpty())
        co_return usageError(console, command,
                             u"unexpected argument '%1'."_s.arg(parser.positionalArguments().first()),
                             usage.constData());

    EventReader reader;
    if (auto failed = openStore(reader, parser, 1, console, command))
        co_return *failed;

    const bool quiet = parser.isSet(quietOption);
    const bool forced = parser.isSet(progressOption);
    bool progressShown = false;
    const auto progress = [&](qint64 checked, qint64 total) {
        if (quiet || (!forced && total < progressThreshold))
            return;
        const int percent = total > 0 ? int(checked * 100 / total) : 100;
        console.err() << "\rverifying: " << checked << " of " << total << " events (" << percent << "%)";
        console.err().flush();
        progressShown = true;
    };
    const StoreResult<VerifyReport> verified = ChainVerifier::verify(reader.events(), progress);
    if (progressShown) {
        console.err() << '\n';
        console.err().flush();
    }
    if (!verified)
        co_return storeFailure(console, command, verified.error());
    const VerifyReport &report = verified.value();

    if (parser.isSet(jsonOption)) {
        QJsonObject object { { u"store"_s, reader.database().address() },
                             { u"intact"_s, report.intact() },
                             { u"checked"_s, report.checked },
                             { u"head"_s,
                               QJsonObject { { u"sequence"_s, report.headSequence },
                                             { u"hash"_s, report.headHash } } } };
        if (!report.intact()) {
            object.insert(u"broken"_s,
                          QJsonObject { { u"sequence"_s, report.brokenSequence },
                                        { u"problem"_s, VerifyReport::problemName(report.problem) },
                                        { u"detail"_s, report.detail } });
        }
        printJson(console, object);
    } else if (report.intact()) {
        if (report.headSequence == 0)
            console.out() << "Chain intact: the store holds no events yet.\n";
        else
            console.out() << "Chain intact: " << report.checked << " events verified; head #"
                          << report.headSequence << ' ' << report.headHash << '\n';
    } else {
        console.out() << "Chain broken at event #" << report.brokenSequence << ": "
                      << VerifyReport::problemText(report.problem) << ".\n  " << report.detail << ".\n";
        if (report.checked > 0)
            console.out() << "  Events 1 to " << report.checked << " verify.\n";
        console.out() << "  Restore the store from a backup, or compare it with an earlier export\n"
                         "  (delegatectl audit export) to see what changed.\n";
    }
    console.out().flush();
    co_return report.intact() ? ExitIntact : ExitBroken;
}

// --- export

namespace {

const char exportUsage[] =
    "Usage: delegatectl audit export [--format jsonl|csv] [--since TIME] [--run ID]\n"
    "                                [--output FILE] [--store PATH] [--json]\n\n"
    "Writes events in sequence order, each with its prev_hash and hash, and the chain's\n"
    "head (its newest event's sequence and hash) so that anyone can recompute the chain:\n"
    "JSONL ends with a {\"chain_head\": ...} line, CSV with a '# chain_head ...' line.\n"
    "docs/store.md describes both formats and how to check them.\n\n"
    "  --format FORMAT  jsonl (default) or csv\n"
    "  --since TIME     only events at or after an ISO 8601 time, e.g. 2024-05-01 or\n"
    "                   2024-05-01T12:00:00Z (without an offset, UTC)\n"
    "  --run ID         only the events of one run\n"
    "  --output FILE    write to FILE instead of standard output (replaced atomically)\n"
    "  --json           with --output, print the summary as a JSON object\n"
    "%STORE%\n"
    "Exit codes: 0 written, 64 wrong arguments, 69 the store cannot be read or the\n"
    "output file cannot be written.\n";

} // namespace

QStringList AuditExportCommand::path() const
{
    return { u"audit"_s, u"export"_s };
}

QString AuditExportCommand::summary() const
{
    return u"export events as JSONL or CSV with the chain's head hash"_s;
}

QCoro::Task<int> AuditExportCommand::run(QStringList arguments, Console &console)
{
    const QByteArray usage = usageWithStore(exportUsage).toUtf8();
    const QString command = u"audit export"_s;
    QCommandLineParser parser;
    const QCommandLineOption formatOption(u"format"_s, u"jsonl or csv"_s, u"FORMAT"_s, u"jsonl"_s);
    const QCommandLineOption sinceOption(u"since"_s, u"ISO 8601 time"_s, u"TIME"_s);
    const QCommandLineOption runOption(u"run"_s, u"run id"_s, u"ID"_s);
    const QCommandLineOption outputOption(u"output"_s, u"file"_s, u"FILE"_s);
    parser.addOptions({ formatOption, sinceOption, runOption, outputOption, jsonOption });
    if (auto done = parse(parser, arguments, console, command, usage.constData()))
        co_return *done;
    if (!parser.positionalArguments().isEmpty())
        co_return usageError(console, command,
                             u"unexpected argument '%1'."_s.arg(parser.positionalArguments().first()),
                             usage.constData());

    const QString formatName = parser.value(formatOption);
    EventExporter::Format format;
    if (formatName == u"jsonl")
        format = EventExporter::Format::Jsonl;
    else if (formatName == u"csv")
        format = EventExporter::Format::Csv;
    else
        co_return usageError(console, command, u"--format must be jsonl or csv, not '%1'."_s.arg(formatName),
                             usage.constData());

    EventFilter filter;
    filter.runId = parser.value(runOption);
    if (parser.isSet(sinceOption)) {
        filter.sinceMs = parseTime(parser.value(sinceOption));
        if (!filter.sinceMs) {
            co_return usageError(
                console, command,
                u"--since expects an ISO 8601 time such as 2024-05-01 or 2024-05-01T12:00:00Z, "
                "not '%1'."_s.arg(parser.value(sinceOption)),
                usage.constData());
        }
    }

    EventReader reader;
    // The index by run came with schema version 4.
    if (auto failed = openStore(reader, parser, filter.runId.isEmpty() ? 1 : 4, console, command))
        co_return *failed;

    const QString outputPath = parser.value(outputOption);
    std::unique_ptr<QSaveFile> file;
    QIODevice *device = nullptr;
    if (outputPath.isEmpty()) {
        console.out().flush();
        device = console.out().device();
    } else {
        file = std::make_unique<QSaveFile>(outputPath);
        if (!file->open(QIODevice::WriteOnly)) {
            console.err()
                << "delegatectl audit export: cannot write " << outputPath << ": " << file->errorString()
                << ".\nCheck that its directory exists and is writable, or choose another --output.\n";
            console.err().flush();
            co_return ExitUnavailable;
        }
        device = file.get();
    }

    const StoreResult<ExportSummary> exported =
        EventExporter::write(reader.events(), *device, format, filter);
    if (!exported) {
        if (file)
            file->cancelWriting();
        co_return storeFailure(console, command, exported.error());
    }
    if (file && !file->commit()) {
        console.err() << "delegatectl audit export: cannot write " << outputPath << ": "
                      << file->errorString() << ".\nCheck free disk space, or choose another --output.\n";
        console.err().flush();
        co_return ExitUnavailable;
    }
    if (file) {
        if (parser.isSet(jsonOption)) {
            printJson(console,
                      QJsonObject { { u"output"_s, outputPath },
                                    { u"format"_s, formatName },
                                    { u"exported"_s, exported->exported },
                                    { u"head"_s,
                                      QJsonObject { { u"sequence"_s, exported->headSequence },
                                                    { u"hash"_s, exported->headHash } } } });
        } else {
            console.out() << "Exported " << exported->exported << " events to " << outputPath
                          << "; chain head #" << exported->headSequence << ' ' << exported->headHash << '\n';
            console.out().flush();
        }
    }
    co_return ExitOk;
}

// --- search

namespace {

const char searchUsage[] =
    "Usage: delegatectl audit search QUERY... [--limit N] [--page N] [--fts]\n"
    "                                [--store PATH] [--json]\n\n"
    "Searches the events' kind and payload text, newest first. Every word must match;\n"
    "a trailing * matches a prefix (pars*), upper-case OR and NOT combine words.\n\n"
    "  --limit N      results per page, 1 to 1000 (default 20)\n"
    "  --page N       which page, from 1 (default 1)\n"
    "  --fts          take QUERY as SQLite FTS5 query syntax (phrases, NEAR, column:)\n"
    "  --json         print the results as a JSON object\n"
    "%STORE%\n"
    "Exit codes: 0 searched (with or without results), 64 wrong arguments or query,\n"
    "69 the store cannot be read.\n";

std::optional<int> positiveNumber(const QString &text, int maximum)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > maximum)
        return std::nullopt;
    return value;
}

} // namespace

QStringList AuditSearchCommand::path() const
{
    return { u"audit"_s, u"search"_s };
}

QString AuditSearchCommand::summary() const
{
    return u"full-text search over the event log, newest first"_s;
}

QCoro::Task<int> AuditSearchCommand::run(QStringList arguments, Console &console)
{
    const QByteArray usage = usageWithStore(searchUsage).toUtf8();
    const QString command = u"audit search"_s;
    QCommandLineParser parser;
    const QCommandLineOption limitOption(u"limit"_s, u"results per page"_s, u"N"_s, u"20"_s);
    const QCommandLineOption pageOption(u"page"_s, u"page"_s, u"N"_s, u"1"_s);
    const QCommandLineOption ftsOption(u"fts"_s, u"FTS5 syntax"_s);
    parser.addOptions({ limitOption, pageOption, ftsOption, jsonOption });
    parser.addPositionalArgument(u"query"_s, u"words to find"_s);
    if (auto done = parse(parser, arguments, console, command, usage.constData()))
        co_return *done;

    const QString words = parser.positionalArguments().join(u' ').trimmed();
    if (words.isEmpty())
        co_return usageError(console, command, u"what should it search for? Give one or more words."_s,
                             usage.constData());
    const std::optional<int> limit = positiveNumber(parser.value(limitOption), 1000);
    if (!limit)
        co_return usageError(
            console, command,
            u"--limit must be a number from 1 to 1000, not '%1'."_s.arg(parser.value(limitOption)),
            usage.constData());
    const std::optional<int> page = positiveNumber(parser.value(pageOption), 1'000'000);
    if (!page)
        co_return usageError(console, command,
                             u"--page must be a number from 1, not '%1'."_s.arg(parser.value(pageOption)),
                             usage.constData());

    EventReader reader;
    if (auto failed = openStore(reader, parser, 2, console, command))
        co_return *failed;

    SearchRequest request;
    request.query = parser.isSet(ftsOption) ? words : SearchRequest::fromWords(words);
    request.limit = *limit;
    request.offset = (*page - 1) * *limit;
    const StoreResult<SearchPage> found = reader.events().search(request);
    if (!found) {
        if (found.error().contains(u"fts5"_s) || found.error().contains(u"syntax error"_s)) {
            co_return usageError(
                console, command,
                u"the query is not valid FTS5 syntax (%1). Without --fts, words are matched as they are."_s
                    .arg(found.error()),
                usage.constData());
        }
        co_return storeFailure(console, command, found.error());
    }
    const SearchPage &results = found.value();

    if (parser.isSet(jsonOption)) {
        QJsonArray hits;
        for (const SearchHit &hit : results.hits) {
            QJsonObject object = hit.event.toJson();
            object.insert(u"snippet"_s, hit.snippet);
            hits.append(object);
        }
        printJson(console,
                  QJsonObject { { u"query"_s, words },
                                { u"fts_query"_s, request.query },
                                { u"page"_s, *page },
                                { u"limit"_s, *limit },
                                { u"has_more"_s, results.hasMore },
                                { u"unindexed"_s, results.unindexed },
                                { u"results"_s, hits } });
        co_return ExitOk;
    }

    QTextStream &out = console.out();
    if (results.hits.isEmpty()) {
        if (*page > 1)
            out << "No more events match \"" << words << "\" (page " << *page << ").\n";
        else
            out << "No events match \"" << words << "\".\n";
    }
    for (const SearchHit &hit : results.hits) {
        const Event &event = hit.event;
        out << '#' << event.sequence << "  " << Event::formatTime(event.time.toMSecsSinceEpoch()) << "  "
            << (event.runId.isEmpty() ? u"-"_s : event.runId) << "  " << event.actor << "  " << event.kind
            << '\n'
            << "    " << QString(hit.snippet).replace(u'\n', u' ') << '\n';
    }
    if (!results.hits.isEmpty()) {
        out << "\nResults " << request.offset + 1 << " to " << request.offset + results.hits.size()
            << " (page " << *page << ")";
        if (results.hasMore)
            out << "; more with --page " << *page + 1;
        out << ".\n";
    }
    if (results.unindexed > 0) {
        out << "Note: the newest " << results.unindexed
            << " events are not indexed yet, so they cannot match; the engine indexes them when it is "
               "idle.\n";
    }
    out.flush();
    co_return ExitOk;
}

void registerAuditCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<AuditVerifyCommand>());
    registry.add(std::make_unique<AuditExportCommand>());
    registry.add(std::make_unique<AuditSearchCommand>());
}

} // namespace delegate::cli
