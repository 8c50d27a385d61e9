// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"

#include "store/storebenchmark.h"

#include <QCommandLineParser>
#include <QFileInfo>
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

void registerBenchCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<BenchStoreCommand>());
}

} // namespace delegate::cli
