// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storebenchmark.h"

#include "domain/canonicaljson.h"
#include "domain/event.h"
#include "store/eventdraft.h"
#include "store/eventstore.h"
#include "store/sqliteconnection.h"
#include "store/sqlitestatement.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <memory>
#include <vector>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

constexpr int poolSize = 512;

const char *const words[] = {
    "the",   "parser", "loop",   "reads", "file",  "test",    "fails", "because", "cache", "is",
    "stale", "after",  "merge",  "patch", "fixes", "timeout", "in",    "retry",   "queue", "worker",
    "build", "step",   "checks", "lint",  "diff",  "branch",  "main",  "review",  "plan",  "agent",
};

QString sentence(QRandomGenerator &random, int wordCount)
{
    QStringList picked;
    for (int i = 0; i < wordCount; ++i)
        picked.append(QString::fromLatin1(words[random.bounded(int(std::size(words)))]));
    return picked.join(u' ');
}

// Events shaped like an agent's: messages, tool calls and results, state
// changes, with payloads of 60 to 300 bytes.
std::vector<EventDraft> draftPool()
{
    QRandomGenerator random(20240501);
    std::vector<EventDraft> pool;
    pool.reserve(poolSize);
    for (int i = 0; i < poolSize; ++i) {
        EventDraft draft;
        draft.runId = u"run-%1"_s.arg(i % 50, 4, 10, QLatin1Char('0'));
        draft.actor = u"agent"_s;
        switch (i % 4) {
        case 0:
            draft.kind = u"agent.message"_s;
            draft.payload.insert(u"text"_s, sentence(random, 10 + random.bounded(30)));
            break;
        case 1:
            draft.kind = u"tool.call"_s;
            draft.payload.insert(u"tool"_s, u"read_file"_s);
            draft.payload.insert(u"call_id"_s, u"call-%1"_s.arg(i));
            draft.payload.insert(
                u"arguments"_s,
                QJsonObject {
                    { u"path"_s, u"src/%1/%2.cpp"_s.arg(sentence(random, 1), sentence(random, 1)) } });
            break;
        case 2:
            draft.kind = u"tool.result"_s;
            draft.payload.insert(u"call_id"_s, u"call-%1"_s.arg(i - 1));
            draft.payload.insert(u"exit_code"_s, 0);
            draft.payload.insert(u"output"_s, sentence(random, 8 + random.bounded(20)));
            draft.payload.insert(u"duration_ms"_s, random.bounded(5000));
            break;
        default:
            draft.actor = u"system"_s;
            draft.kind = u"run.state_changed"_s;
            draft.payload.insert(u"from"_s, u"running"_s);
            draft.payload.insert(u"to"_s, u"waiting_for_human"_s);
            draft.payload.insert(u"reason"_s, sentence(random, 6));
            break;
        }
        pool.push_back(draft);
    }
    return pool;
}

struct Round
{
    double storeSeconds = 0;
    quint64 storeBatches = 0;
    double rawSeconds = 0;
    double indexSeconds = 0;
};

StoreError measureStore(const QString &path, const StoreBenchmarkOptions &options,
                        const std::vector<EventDraft> &pool, bool measureIndex, Round &result)
{
    EventStore store;
    EventStoreOptions storeOptions;
    storeOptions.path = path;
    storeOptions.maxBatch = options.batch;
    if (auto error = store.open(storeOptions))
        return error;

    // Each producer keeps at most a few batches unacknowledged, as a busy
    // engine with many runs would, instead of queueing everything at once.
    const qint64 window = 4 * qint64(options.batch);
    const int producers = std::max(1, options.producers);
    std::vector<quint64> lastTickets(size_t(producers), 0);
    std::vector<std::unique_ptr<QThread>> threads;
    QElapsedTimer timer;
    timer.start();
    for (int p = 0; p < producers; ++p) {
        const qint64 count = options.events / producers + (p < options.events % producers ? 1 : 0);
        threads.emplace_back(QThread::create([&store, &pool, &lastTickets, window, count, p, producers] {
            std::vector<quint64> tickets(static_cast<size_t>(count));
            const qint64 checkEvery = std::max<qint64>(1, window / 16);
            for (qint64 i = 0; i < count; ++i) {
                if (i >= window && i % checkEvery == 0)
                    store.waitUntilDurable(tickets[size_t(i - window)]);
                tickets[size_t(i)] = store.post(pool[size_t((i * producers + p) % poolSize)]);
            }
            if (count > 0)
                lastTickets[size_t(p)] = tickets.back();
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        thread->wait();
    for (quint64 ticket : lastTickets)
        store.waitUntilDurable(ticket);
    result.storeSeconds = double(timer.nsecsElapsed()) / 1e9;

    const WriterStatistics statistics = store.statistics();
    if (qint64(statistics.events) != options.events) {
        return u"the store acknowledged %1 of %2 events (%3 failed batches)"_s.arg(
            QString::number(statistics.events), QString::number(options.events),
            QString::number(statistics.failedBatches));
    }
    result.storeBatches = statistics.batches;

    if (measureIndex) {
        timer.restart();
        store.waitForIndexed(statistics.committedSequence);
        result.indexSeconds = double(timer.nsecsElapsed()) / 1e9;
    }
    store.close();
    return std::nullopt;
}

StoreError measureRaw(const QString &path, const StoreBenchmarkOptions &options,
                      const std::vector<EventDraft> &pool, Round &result)
{
    SqliteConnection connection;
    if (auto error = connection.open(path, SqliteConnection::Mode::ReadWrite))
        return error;
    if (auto error =
            connection.exec("CREATE TABLE events (seq INTEGER PRIMARY KEY, run_id TEXT, time INTEGER, "
                            "actor TEXT, kind TEXT, payload TEXT, prev_hash TEXT, hash TEXT)"))
        return error;

    // The same bytes the store writes, prepared before the clock starts.
    struct Row
    {
        QByteArray runId, actor, kind, payload, hash;
    };
    std::vector<Row> rows;
    rows.reserve(pool.size());
    for (const EventDraft &draft : pool) {
        const QByteArray payload = CanonicalJson::serialize(draft.payload);
        rows.push_back(Row { draft.runId.toUtf8(), draft.actor.toUtf8(), draft.kind.toUtf8(), payload,
                             Event::chainHash(draft.kind.toUtf8(), payload) });
    }
    SqliteStatement insert;
    if (auto error = insert.prepare(connection.handle(),
                                    "INSERT INTO events (seq, run_id, time, actor, kind, "
                                    "payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, "
                                    "?6, ?7, ?8)"))
        return error;

    const qint64 timeMs = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer timer;
    timer.start();
    for (qint64 sequence = 1; sequence <= options.events;) {
        if (auto error = connection.exec("BEGIN IMMEDIATE"))
            return error;
        for (int i = 0; i < options.batch && sequence <= options.events; ++i, ++sequence) {
            const Row &row = rows[size_t(sequence % poolSize)];
            const Row &previous = rows[size_t((sequence - 1) % poolSize)];
            insert.bind(1, sequence);
            insert.bindText(2, row.runId);
            insert.bind(3, timeMs);
            insert.bindText(4, row.actor);
            insert.bindText(5, row.kind);
            insert.bindText(6, row.payload);
            insert.bindText(7, previous.hash);
            insert.bindText(8, row.hash);
            if (insert.step() != SqliteStatement::Step::Done)
                return insert.errorMessage();
            insert.reset();
        }
        if (auto error = connection.exec("COMMIT"))
            return error;
    }
    result.rawSeconds = double(timer.nsecsElapsed()) / 1e9;
    return std::nullopt;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

void removeDatabase(const QString &path)
{
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
}

} // namespace

StoreResult<StoreBenchmarkResult> StoreBenchmark::run(const StoreBenchmarkOptions &options)
{
    using Result = StoreResult<StoreBenchmarkResult>;
    if (options.events < 1 || options.batch < 1 || options.producers < 1)
        return Result::failure(u"events, batch and producers must be at least 1"_s);

    const QString parent =
        options.directory.isEmpty() ? QFileInfo(EventStore::defaultPath()).absolutePath() : options.directory;
    if (!QDir().mkpath(parent))
        return Result::failure(u"cannot create %1 for the benchmark's databases: pass --dir with a writable "
                               "directory"_s.arg(parent));
    QTemporaryDir directory(parent + u"/delegate-bench-XXXXXX"_s);
    if (!directory.isValid())
        return Result::failure(u"cannot create a temporary directory in %1: %2. Pass --dir with a writable "
                               "directory"_s.arg(parent, directory.errorString()));

    StoreBenchmarkResult result;
    result.events = options.events;
    result.batch = options.batch;
    result.producers = options.producers;
    result.rounds = std::max(1, options.rounds);
    result.directory = parent;
    const std::vector<EventDraft> pool = draftPool();

    std::vector<double> storeRates;
    std::vector<double> rawRates;
    std::vector<double> ratios;
    for (int index = 0; index < result.rounds; ++index) {
        Round round;
        const QString rawPath = directory.filePath(u"raw-%1.db"_s.arg(index));
        const QString storePath = directory.filePath(u"store-%1.db"_s.arg(index));
        if (auto error = measureRaw(rawPath, options, pool, round))
            return Result::failure(u"raw SQLite baseline: "_s + *error);
        removeDatabase(rawPath);
        const bool last = index + 1 == result.rounds;
        if (auto error = measureStore(storePath, options, pool, last, round))
            return Result::failure(u"event store: "_s + *error);
        removeDatabase(storePath);
        storeRates.push_back(double(options.events) / round.storeSeconds);
        rawRates.push_back(double(options.events) / round.rawSeconds);
        ratios.push_back(storeRates.back() / rawRates.back());
        if (last) {
            result.storeBatches = round.storeBatches;
            result.indexSeconds = round.indexSeconds;
        }
    }
    result.storeEventsPerSecond = median(storeRates);
    result.rawEventsPerSecond = median(rawRates);
    result.ratio = median(ratios);
    result.ratioMin = *std::min_element(ratios.begin(), ratios.end());
    result.ratioMax = *std::max_element(ratios.begin(), ratios.end());
    result.indexEventsPerSecond = result.indexSeconds > 0 ? double(options.events) / result.indexSeconds : 0;
    return result;
}

} // namespace delegate
