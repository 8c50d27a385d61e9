// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"

#include "store/historybenchmark.h"
#include "store/storebenchmark.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <memory>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

const char benchUsage[] =
    "Usage: delegatectl bench store [--events N] [--batch N] [--producers N] [--rounds N]\n"
    "                             [--dir DIR | --store PATH] [--json]\n\n"
    "Measures how many events per second the event store persists (appended, hashed,\n"
    "committed with synchronous=FULL and acknowledged) beside the rate of raw batched\n"
    "INSERTs of the same rows into a plain SQLite table, in the same run, on the same\n"
    "file system, with the same settings, and prints their ratio. Each round measures\n"
    "both on new databases in a temporary directory, removed afterwards; the figures\n"
    "are the medians over the rounds.\n\n"
    "  --events N     events to append per round (default 200000)\n"
    "  --batch N      the store's largest batch and the raw side's batch (default 4096)\n"
    "  --producers N  threads appending at once (default 1)\n"
    "  --rounds N     rounds to take the medians of (default 3)\n"
    "  --dir DIR      where to put the databases (default: beside the event store)\n"
    "  --store PATH   put them beside this store instead\n"
    "  --json         print the figures as a JSON object\n\n"
    "Exit codes: 0 measured, 64 wrong arguments, 69 no writable directory, 70 failed.\n"
    "docs/benchmarks.md lists figures measured with it.\n";

int usageError(Console &console, const QString &problem)
{
    console.err() << "delegatectl bench store: " << problem << "\n\n" << benchUsage;
    console.err().flush();
    return ExitUsage;
}

const char searchUsage[] =
    "Usage: delegatectl bench search [--events N] [--samples N] [--page N]\n"
    "                              [--dir DIR | --store PATH] [--json]\n\n"
    "Generates an event store of realistic history (runs of several people, tasks,\n"
    "skills, agents and environments, with agent messages, tool calls, checkpoints,\n"
    "reviews and actions, interleaved as concurrent runs are) through the real writer\n"
    "and indexer, in a temporary directory removed afterwards, then measures the first\n"
    "page of several history filters and full-text searches over it: p50 and p95 of\n"
    "cold (a new connection) and warm (the same connection again) executions.\n\n"
    "  --events N     events to generate (default 1000000)\n"
    "  --samples N    executions of each query, cold and warm each (default 15)\n"
    "  --page N       events on a page (default 50)\n"
    "  --dir DIR      where to generate the store (default: beside the event store)\n"
    "  --store PATH   measure this existing store instead of generating one\n"
    "  --json         print the figures as a JSON object\n\n"
    "Exit codes: 0 measured, 64 wrong arguments, 69 no writable directory, 70 failed.\n"
    "docs/benchmarks.md lists figures measured with it.\n";

std::optional<qint64> number(const QString &text, qint64 maximum)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1 || value > maximum)
        return std::nullopt;
    return value;
}

} // namespace

QStringList BenchStoreCommand::path() const
{
    return { u"bench"_s, u"store"_s };
}

QString BenchStoreCommand::summary() const
{
    return u"measure the event store's ingest rate against raw SQLite"_s;
}

QCoro::Task<int> BenchStoreCommand::run(QStringList arguments, Console &console)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"help"_s);
    const QCommandLineOption eventsOption(u"events"_s, u"events"_s, u"N"_s, u"200000"_s);
    const QCommandLineOption batchOption(u"batch"_s, u"batch"_s, u"N"_s, u"4096"_s);
    const QCommandLineOption producersOption(u"producers"_s, u"producers"_s, u"N"_s, u"1"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"rounds"_s, u"N"_s, u"3"_s);
    const QCommandLineOption dirOption(u"dir"_s, u"directory"_s, u"DIR"_s);
    const QCommandLineOption storeOption(u"store"_s, u"store"_s, u"PATH"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"json"_s);
    parser.addOptions({ helpOption, eventsOption, batchOption, producersOption, roundsOption, dirOption,
                        storeOption, jsonOption });
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        co_return usageError(console, parser.errorText());
    if (parser.isSet(helpOption)) {
        console.out() << benchUsage;
        console.out().flush();
        co_return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        co_return usageError(console,
                             u"unexpected argument '%1'."_s.arg(parser.positionalArguments().first()));

    StoreBenchmarkOptions options;
    const std::optional<qint64> events = number(parser.value(eventsOption), 100'000'000);
    if (!events)
        co_return usageError(
            console, u"--events must be a number from 1, not '%1'."_s.arg(parser.value(eventsOption)));
    const std::optional<qint64> batch = number(parser.value(batchOption), 1'000'000);
    if (!batch)
        co_return usageError(console,
                             u"--batch must be a number from 1, not '%1'."_s.arg(parser.value(batchOption)));
    const std::optional<qint64> producers = number(parser.value(producersOption), 64);
    if (!producers)
        co_return usageError(
            console,
            u"--producers must be a number from 1 to 64, not '%1'."_s.arg(parser.value(producersOption)));
    const std::optional<qint64> rounds = number(parser.value(roundsOption), 100);
    if (!rounds)
        co_return usageError(
            console, u"--rounds must be a number from 1 to 100, not '%1'."_s.arg(parser.value(roundsOption)));
    options.rounds = int(*rounds);
    options.events = *events;
    options.batch = int(*batch);
    options.producers = int(*producers);
    if (parser.isSet(dirOption))
        options.directory = parser.value(dirOption);
    else if (parser.isSet(storeOption))
        options.directory = QFileInfo(parser.value(storeOption)).absolutePath();

    const StoreResult<StoreBenchmarkResult> measured = StoreBenchmark::run(options);
    if (!measured) {
        console.err() << "delegatectl bench store: " << measured.error() << ".\n";
        console.err().flush();
        co_return measured.error().contains(u"--dir"_s) ? ExitUnavailable : ExitSoftware;
    }
    const StoreBenchmarkResult &result = measured.value();

    if (parser.isSet(jsonOption)) {
        const QJsonObject object {
            { u"events"_s, result.events },
            { u"batch"_s, result.batch },
            { u"producers"_s, result.producers },
            { u"rounds"_s, result.rounds },
            { u"cores"_s, QThread::idealThreadCount() },
            { u"directory"_s, result.directory },
            { u"store"_s,
              QJsonObject { { u"events_per_second"_s, result.storeEventsPerSecond },
                            { u"commits"_s, qint64(result.storeBatches) } } },
            { u"raw"_s, QJsonObject { { u"events_per_second"_s, result.rawEventsPerSecond } } },
            { u"ratio"_s, result.ratio },
            { u"ratio_min"_s, result.ratioMin },
            { u"ratio_max"_s, result.ratioMax },
            { u"index"_s,
              QJsonObject { { u"seconds"_s, result.indexSeconds },
                            { u"events_per_second"_s, result.indexEventsPerSecond } } }
        };
        console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        console.out().flush();
        co_return ExitOk;
    }

    const auto rate = [](double perSecond) {
        return QString::number(qRound64(perSecond)).rightJustified(9);
    };
    QTextStream &out = console.out();
    out << "Event store benchmark: " << result.events << " events per round, " << result.rounds
        << " round(s), batches of up to " << result.batch << ", " << result.producers
        << " producer thread(s), " << QThread::idealThreadCount() << " cores\n"
        << "in " << result.directory << " (WAL, synchronous=FULL); medians over the rounds\n\n"
        << "  store       " << rate(result.storeEventsPerSecond) << " events/s  (" << result.storeBatches
        << " commits in the last round, "
        << QString::number(double(result.events) / double(std::max<quint64>(1, result.storeBatches)), 'f', 0)
        << " events per commit)\n"
        << "  raw SQLite  " << rate(result.rawEventsPerSecond)
        << " events/s  (plain table, the same rows and batch size)\n"
        << "  ratio       " << QString::number(result.ratio, 'f', 2).rightJustified(9)
        << "            (store / raw; " << QString::number(result.ratioMin, 'f', 2) << " to "
        << QString::number(result.ratioMax, 'f', 2) << " over the rounds)\n\n"
        << "  full-text index and index by run, after the appends: " << qRound64(result.indexEventsPerSecond)
        << " events/s (" << QString::number(result.indexSeconds, 'f', 2) << " s)\n";
    out.flush();
    co_return ExitOk;
}

QStringList BenchSearchCommand::path() const
{
    return { u"bench"_s, u"search"_s };
}

QString BenchSearchCommand::summary() const
{
    return u"measure history filters and search over a generated million-event store"_s;
}

QCoro::Task<int> BenchSearchCommand::run(QStringList arguments, Console &console)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"help"_s);
    const QCommandLineOption eventsOption(u"events"_s, u"events"_s, u"N"_s, u"1000000"_s);
    const QCommandLineOption samplesOption(u"samples"_s, u"samples"_s, u"N"_s, u"15"_s);
    const QCommandLineOption pageOption(u"page"_s, u"page"_s, u"N"_s, u"50"_s);
    const QCommandLineOption dirOption(u"dir"_s, u"directory"_s, u"DIR"_s);
    const QCommandLineOption storeOption(u"store"_s, u"store"_s, u"PATH"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"json"_s);
    parser.addOptions(
        { helpOption, eventsOption, samplesOption, pageOption, dirOption, storeOption, jsonOption });
    const auto fail = [&console](const QString &problem) {
        console.err() << "delegatectl bench search: " << problem << "\n\n" << searchUsage;
        console.err().flush();
        return int(ExitUsage);
    };
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        co_return fail(parser.errorText());
    if (parser.isSet(helpOption)) {
        console.out() << searchUsage;
        console.out().flush();
        co_return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        co_return fail(u"unexpected argument '%1'."_s.arg(parser.positionalArguments().first()));
    HistoryBenchmarkOptions options;
    const std::optional<qint64> events = number(parser.value(eventsOption), 100'000'000);
    const std::optional<qint64> samples = number(parser.value(samplesOption), 1000);
    const std::optional<qint64> page = number(parser.value(pageOption), 500);
    if (!events)
        co_return fail(u"--events must be a number from 1, not '%1'."_s.arg(parser.value(eventsOption)));
    if (!samples)
        co_return fail(
            u"--samples must be a number from 1 to 1000, not '%1'."_s.arg(parser.value(samplesOption)));
    if (!page)
        co_return fail(u"--page must be a number from 1 to 500, not '%1'."_s.arg(parser.value(pageOption)));
    if (parser.isSet(dirOption) && parser.isSet(storeOption))
        co_return fail(u"give --dir or --store, not both."_s);
    options.events = *events;
    options.samples = int(*samples);
    options.pageSize = int(*page);
    options.directory = parser.value(dirOption);
    options.store = parser.value(storeOption);

    if (options.store.isEmpty()) {
        console.err() << "Generating " << options.events << " events…\n";
        console.err().flush();
    }
    const StoreResult<HistoryBenchmarkResult> measured = HistoryBenchmark::run(options);
    if (!measured) {
        console.err() << "delegatectl bench search: " << measured.error() << ".\n";
        console.err().flush();
        co_return measured.error().contains(u"--dir"_s) ? ExitUnavailable : ExitSoftware;
    }
    const HistoryBenchmarkResult &result = measured.value();
    if (parser.isSet(jsonOption)) {
        QJsonArray figures;
        for (const HistoryBenchmarkFigure &figure : result.figures) {
            figures.append(QJsonObject { { u"name"_s, figure.name },
                                         { u"kind"_s, figure.kind },
                                         { u"first_page"_s, figure.firstPageSize },
                                         { u"cold_p50_ms"_s, figure.coldP50 },
                                         { u"cold_p95_ms"_s, figure.coldP95 },
                                         { u"warm_p50_ms"_s, figure.warmP50 },
                                         { u"warm_p95_ms"_s, figure.warmP95 } });
        }
        const QJsonObject object { { u"events"_s, result.events },
                                   { u"runs"_s, result.runs },
                                   { u"generate_seconds"_s, result.generateSeconds },
                                   { u"index_seconds"_s, result.indexSeconds },
                                   { u"store_bytes"_s, result.storeBytes },
                                   { u"samples"_s, options.samples },
                                   { u"page"_s, options.pageSize },
                                   { u"cores"_s, QThread::idealThreadCount() },
                                   { u"queries"_s, figures } };
        console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        console.out().flush();
        co_return ExitOk;
    }
    const auto ms = [](double value) {
        return QString::number(value, 'f', 2).rightJustified(8);
    };
    QTextStream &out = console.out();
    out << "History search benchmark: " << result.events << " events";
    if (result.runs > 0) {
        out << " of " << result.runs << " runs, generated in "
            << QString::number(result.generateSeconds, 'f', 1) << " s, indexed in "
            << QString::number(result.indexSeconds, 'f', 1) << " s";
    }
    out << "\n"
        << QString::number(double(result.storeBytes) / (1024.0 * 1024.0), 'f', 0) << " MiB, "
        << options.samples << " samples per query, pages of " << options.pageSize << ", "
        << QThread::idealThreadCount() << " cores; first-page latency in ms\n\n"
        << u"  %1 %2 %3 %4 %5 %6\n"_s.arg(u"query"_s.leftJustified(38), u"page"_s.rightJustified(5),
                                          u"cold p50"_s.rightJustified(8), u"cold p95"_s.rightJustified(8),
                                          u"warm p50"_s.rightJustified(8), u"warm p95"_s.rightJustified(8));
    for (const HistoryBenchmarkFigure &figure : result.figures) {
        out << u"  %1 %2 %3 %4 %5 %6\n"_s.arg(
            figure.name.leftJustified(38), QString::number(figure.firstPageSize).rightJustified(5),
            ms(figure.coldP50), ms(figure.coldP95), ms(figure.warmP50), ms(figure.warmP95));
    }
    out.flush();
    co_return ExitOk;
}

void registerBenchCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<BenchStoreCommand>());
    registry.add(std::make_unique<BenchSearchCommand>());
}

} // namespace delegate::cli
