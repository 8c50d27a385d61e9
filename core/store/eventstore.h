// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/eventdraft.h"
#include "store/eventwriter.h"
#include "store/storeresult.h"

#include <QCoro/QCoroTask>
#include <QObject>

#include <chrono>
#include <coroutine>
#include <deque>
#include <memory>

namespace delegate {

struct EventStoreOptions
{
    QString path; // an SQLite file (empty: defaultPath()) or a postgresql:// address
    int maxBatch = 4096;
    std::chrono::milliseconds indexIdleDelay { 20 };
    int indexChunk = 1000;
};

// The durable, hash-chained event log, as the engine appends to it.
//
// Appends go to one writer thread (EventWriter) that commits them in
// batches; an append completes only after its batch is committed with
// synchronous=FULL, so a completed append survives a crash or power loss.
// Readers open their own connections (EventReader) and are never blocked by
// the writer (WAL).
//
// The object lives in one thread (the engine's); append() must be awaited
// there. appendAndWait(), post() and waitUntilDurable() work from any thread,
// as long as they do not race with open() or close().
class EventStore final : public QObject
{
    Q_OBJECT

public:
    explicit EventStore(QObject *parent = nullptr);
    ~EventStore() override;

    // <AppDataLocation>/delegate.db, e.g. ~/.local/share/delegate/delegate.db.
    static QString defaultPath();

    // Creates the file and its directory when missing and brings the schema
    // up to date.
    [[nodiscard]] StoreError open(const EventStoreOptions &options);
    // Appends already queued are written and acknowledged first.
    void close();
    bool isOpen() const { return m_writer != nullptr; }
    const QString &path() const { return m_path; }

    // Completes once the event is durable, or with an error that says why
    // not (an invalid draft, a closed store, a failed write). It needs no
    // timeout: the writer answers every event it took, and close() (also
    // from the destructor) writes and answers the rest.
    QCoro::Task<AppendResult> append(EventDraft draft);
    // Blocks the calling thread until the event is durable.
    AppendResult appendAndWait(EventDraft draft);
    // Queues without waiting and returns a ticket for waitUntilDurable(), or
    // 0 when the draft is invalid (see validate()) or the store is closed.
    // appended() and appendFailed() report the outcome. The queue has no
    // bound: a caller that posts faster than the disk can take keeps its
    // own window of unacknowledged tickets (as StoreBenchmark does).
    quint64 post(const EventDraft &draft);
    bool waitUntilDurable(quint64 ticket, QDeadlineTimer deadline = QDeadlineTimer::Forever);
    // Whether full-text search covers the events up to sequence.
    bool waitForIndexed(qint64 sequence, QDeadlineTimer deadline = QDeadlineTimer::Forever);
    WriterStatistics statistics() const;

    // Why a draft cannot be appended, or nothing when it can.
    static StoreError validate(const EventDraft &draft);

Q_SIGNALS:
    // Events firstSequence..lastSequence are durable.
    void appended(qint64 firstSequence, qint64 lastSequence);
    void appendFailed(const QString &error);

private:
    class AppendAwaiter;
    struct Waiting
    {
        quint64 ticket;
        std::coroutine_handle<> coroutine;
    };

    void batchDone(quint64 generation, const EventWriter::BatchDone &done);
    void resumeWaiting(quint64 upToTicket);

    QString m_path;
    std::unique_ptr<EventWriter> m_writer;
    // Tickets start over with each writer; acknowledgements still in the
    // event queue from a previous open() must not resume newer appends.
    quint64 m_generation = 0;
    // Coroutines suspended in append(), in ticket order.
    std::deque<Waiting> m_waiting;
};

} // namespace delegate
