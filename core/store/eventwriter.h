// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/eventdraft.h"
#include "store/eventrepository.h"
#include "store/storeresult.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QWaitCondition>

#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace delegate {

class StoreDatabase;

// One append, prepared by the caller's thread: run id, actor and kind as
// UTF-8, and the parts of its canonical JSON that do not depend on its place
// in the chain (see Event::appendCanonicalHead), back to back in one buffer.
// The writer thread then only hashes the pieces and writes; an append costs
// one allocation, made outside the writer's loop.
struct QueuedAppend
{
    quint64 ticket = 0;
    QByteArray bytes; // run id, actor, kind, canonical run piece, canonical head
    int runIdSize = 0;
    int actorSize = 0;
    int kindSize = 0;
    int runPieceSize = 0;
    int payloadStart = 0; // the payload's canonical JSON, inside the head
    int payloadSize = 0;
    // Filled in on the writer thread before the ticket is acknowledged.
    AppendResult *result = nullptr;

    static QueuedAppend prepare(const EventDraft &draft, AppendResult *result);

    QByteArrayView runId() const { return QByteArrayView(bytes).first(runIdSize); }
    QByteArrayView actor() const { return QByteArrayView(bytes).sliced(runIdSize, actorSize); }
    QByteArrayView kind() const { return QByteArrayView(bytes).sliced(runIdSize + actorSize, kindSize); }
    QByteArrayView runPiece() const
    {
        return QByteArrayView(bytes).sliced(runIdSize + actorSize + kindSize, runPieceSize);
    }
    QByteArrayView head() const
    {
        return QByteArrayView(bytes).sliced(runIdSize + actorSize + kindSize + runPieceSize);
    }
    QByteArrayView payload() const { return QByteArrayView(bytes).sliced(payloadStart, payloadSize); }
};

struct EventWriterOptions
{
    QString path; // an SQLite file or a postgresql:// address (see StoreDatabase)
    // The most events one transaction takes. Bigger batches mean fewer
    // fsyncs per event but a longer wait for the first event of a batch.
    int maxBatch = 4096;
    // Full-text indexing waits until no append has come for this long, so a
    // burst of appends is never slowed down by it...
    std::chrono::milliseconds indexIdleDelay { 20 };
    // ...and then indexes this many events per transaction (about 20 ms of
    // work), looking at the queue again in between, so an append that
    // arrives meanwhile waits at most that long.
    int indexChunk = 1000;
};

struct WriterStatistics
{
    quint64 batches = 0;
    quint64 events = 0;
    quint64 failedBatches = 0;
    qint64 committedSequence = 0;
    qint64 indexedSequence = 0;
};

// The store's single writer: a thread with its own connection that drains
// the queue, gives each event its sequence, time and hash link, writes the
// whole batch in one transaction, commits, and only then acknowledges every
// event in it (group commit). One fsync thus covers everything that queued
// up while the previous batch was being written, so the rate grows with
// the load instead of being capped by the disk's flush latency.
//
// enqueue(), waitForTicket() and the getters are thread-safe.
class EventWriter final
{
public:
    struct BatchDone
    {
        quint64 lastTicket = 0;
        qint64 firstSequence = 0; // 0 when the batch failed
        qint64 lastSequence = 0;
        QString error;
    };
    // Called on the writer thread after a batch was acknowledged.
    using BatchHook = std::function<void(const BatchDone &)>;

    EventWriter(EventWriterOptions options, BatchHook onBatchDone);
    ~EventWriter();
    Q_DISABLE_COPY_MOVE(EventWriter)

    // Opens the database, brings its schema up to date and starts the
    // thread; returns once it is ready to take appends.
    [[nodiscard]] StoreError start();
    // Writes everything queued so far, then ends the thread.
    void stop();

    // Returns the ticket that waitForTicket() waits for; 0 once stopped.
    quint64 enqueue(QueuedAppend append);
    // True once the append with this ticket was committed or failed.
    bool waitForTicket(quint64 ticket, QDeadlineTimer deadline = QDeadlineTimer::Forever);
    bool waitForIndexed(qint64 sequence, QDeadlineTimer deadline = QDeadlineTimer::Forever);
    WriterStatistics statistics() const;

private:
    enum class State { Idle, Starting, Running, Failed, Stopped };

    void run();
    StoreError resumeChain();
    using Batch = std::deque<QueuedAppend>;
    using HashText = std::array<char, 64>;

    void writeBatch(Batch &batch);
    StoreError writeEvents(const Batch &batch);
    void acknowledge(const Batch &batch, qint64 firstSequence, const QString &error);
    void indexChunk();

    const EventWriterOptions m_options;
    const BatchHook m_onBatchDone;
    std::unique_ptr<QThread> m_thread;

    // The queue, guarded by m_queueMutex.
    QMutex m_queueMutex;
    QWaitCondition m_queueChanged;
    std::deque<QueuedAppend> m_queue;
    // A written batch, for the next enqueue() to free on its own thread.
    std::deque<QueuedAppend> m_spent;
    quint64 m_lastTicket = 0;
    bool m_accepting = false;
    bool m_stopping = false;

    // Progress, guarded by m_progressMutex.
    mutable QMutex m_progressMutex;
    QWaitCondition m_progressed;
    State m_state = State::Idle;
    QString m_startError;
    quint64 m_acknowledgedTicket = 0;
    WriterStatistics m_statistics;

    // Writer thread only.
    std::unique_ptr<StoreDatabase> m_database;
    std::unique_ptr<EventRepository> m_repository;
    ChainHead m_head;
    qint64 m_lastTimeMs = 0;
    qint64 m_indexedSequence = 0;
    // Set when indexing failed or could not advance (a damaged log); cleared
    // by the next batch, so it is tried again later instead of in a loop.
    bool m_indexStalled = false;
    QDeadlineTimer m_idleFrom;
    // Reused for every batch, so the loop does not allocate per event.
    std::vector<HashText> m_hashes;
};

} // namespace delegate
