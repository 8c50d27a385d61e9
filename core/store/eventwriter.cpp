// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventwriter.h"

#include "domain/canonicaljson.h"
#include "store/storedatabase.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QThread>
#include <QVarLengthArray>

#include <algorithm>
#include <iterator>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWriter, "delegate.store.writer")

// Run ids, actors and kinds are almost always short ASCII: convert them
// without touching the heap.
using SmallUtf8 = QVarLengthArray<char, 128>;

void toUtf8(SmallUtf8 &out, QStringView text)
{
    const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (!ascii) {
        const QByteArray utf8 = text.toUtf8();
        out.resize(utf8.size());
        std::copy(utf8.cbegin(), utf8.cend(), out.begin());
        return;
    }
    out.resize(text.size());
    char *data = out.data();
    for (QChar c : text)
        *data++ = char(c.unicode());
}

QByteArrayView view(const SmallUtf8 &text)
{
    return QByteArrayView(text.data(), text.size());
}

} // namespace

QueuedAppend QueuedAppend::prepare(const EventDraft &draft, AppendResult *result)
{
    SmallUtf8 runId;
    SmallUtf8 actor;
    SmallUtf8 kind;
    toUtf8(runId, draft.runId);
    toUtf8(actor, draft.actor);
    toUtf8(kind, draft.kind);
    // Each appending thread reuses its buffer for the payload's JSON.
    thread_local QByteArray payload;
    payload.resize(0);
    CanonicalJson::appendObject(payload, draft.payload);

    QueuedAppend append;
    append.result = result;
    append.bytes.reserve(2 * (runId.size() + actor.size() + kind.size()) + payload.size() + 96);
    append.bytes.append(view(runId));
    append.bytes.append(view(actor));
    append.bytes.append(view(kind));
    append.runIdSize = int(runId.size());
    append.actorSize = int(actor.size());
    append.kindSize = int(kind.size());
    const qsizetype runPieceStart = append.bytes.size();
    Event::appendCanonicalRun(append.bytes, view(runId));
    append.runPieceSize = int(append.bytes.size() - runPieceStart);
    append.payloadStart = int(Event::appendCanonicalHead(append.bytes, view(actor), view(kind), payload));
    append.payloadSize = int(payload.size());
    return append;
}

EventWriter::EventWriter(EventWriterOptions options, BatchHook onBatchDone)
    : m_options(std::move(options))
    , m_onBatchDone(std::move(onBatchDone))
{ }

EventWriter::~EventWriter()
{
    stop();
}

StoreError EventWriter::start()
{
    if (m_thread)
        return u"the event store's writer is already running"_s;
    {
        QMutexLocker lock(&m_progressMutex);
        m_state = State::Starting;
    }
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(u"delegate-store-writer"_s);
    m_thread->start();

    QMutexLocker lock(&m_progressMutex);
    while (m_state == State::Starting)
        m_progressed.wait(&m_progressMutex);
    if (m_state == State::Failed) {
        const QString error = m_startError;
        lock.unlock();
        m_thread->wait();
        m_thread.reset();
        return error;
    }
    lock.unlock();
    QMutexLocker queueLock(&m_queueMutex);
    m_accepting = true;
    return std::nullopt;
}

void EventWriter::stop()
{
    {
        QMutexLocker lock(&m_queueMutex);
        if (!m_thread)
            return;
        m_accepting = false;
        m_stopping = true;
        m_queueChanged.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
}

quint64 EventWriter::enqueue(QueuedAppend append)
{
    // Declared first, destroyed last: outside the lock, on this thread.
    Batch spent;
    QMutexLocker lock(&m_queueMutex);
    if (!m_accepting)
        return 0;
    append.ticket = ++m_lastTicket;
    const quint64 ticket = append.ticket;
    // The writer only sleeps on an empty queue, so only the first append
    // after it emptied needs to wake it.
    const bool wasEmpty = m_queue.empty();
    m_queue.push_back(std::move(append));
    if (wasEmpty)
        m_queueChanged.wakeOne();
    spent.swap(m_spent);
    return ticket;
}

bool EventWriter::waitForTicket(quint64 ticket, QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_progressMutex);
    while (m_acknowledgedTicket < ticket) {
        if (m_state != State::Running && m_state != State::Starting)
            return false;
        if (!m_progressed.wait(&m_progressMutex, deadline))
            return m_acknowledgedTicket >= ticket;
    }
    return true;
}

bool EventWriter::waitForIndexed(qint64 sequence, QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_progressMutex);
    while (m_statistics.indexedSequence < sequence) {
        if (m_state != State::Running && m_state != State::Starting)
            return false;
        if (!m_progressed.wait(&m_progressMutex, deadline))
            return m_statistics.indexedSequence >= sequence;
    }
    return true;
}

WriterStatistics EventWriter::statistics() const
{
    QMutexLocker lock(&m_progressMutex);
    return m_statistics;
}

void EventWriter::run()
{
    m_database = StoreDatabase::forAddress(m_options.path);
    StoreError error = m_database->open(StoreDatabase::Mode::ReadWrite);
    if (!error)
        error = m_database->migrate();
    if (!error) {
        m_repository = m_database->createRepository();
        error = resumeChain();
    }
    if (!error) {
        const StoreResult<qint64> indexed = m_repository->indexedSequence();
        if (indexed)
            m_indexedSequence = indexed.value();
        else
            error = indexed.error();
    }
    {
        QMutexLocker lock(&m_progressMutex);
        m_state = error ? State::Failed : State::Running;
        m_startError = error.value_or(QString());
        m_statistics.committedSequence = m_head.sequence;
        m_statistics.indexedSequence = m_indexedSequence;
        m_progressed.wakeAll();
    }

    if (!error) {
        m_idleFrom = QDeadlineTimer(m_options.indexIdleDelay);
        Batch batch;
        for (;;) {
            enum class Work { Write, Index, Stop } work;
            {
                QMutexLocker lock(&m_queueMutex);
                for (;;) {
                    if (!m_queue.empty()) {
                        work = Work::Write;
                        break;
                    }
                    if (m_stopping) {
                        work = Work::Stop;
                        break;
                    }
                    const bool indexBehind = !m_indexStalled && m_indexedSequence < m_head.sequence;
                    if (indexBehind && m_idleFrom.hasExpired()) {
                        work = Work::Index;
                        break;
                    }
                    if (indexBehind)
                        m_queueChanged.wait(&m_queueMutex, m_idleFrom);
                    else
                        m_queueChanged.wait(&m_queueMutex);
                }
                if (work == Work::Write) {
                    if (m_queue.size() <= size_t(m_options.maxBatch)) {
                        batch.swap(m_queue);
                    } else {
                        const auto end = m_queue.begin() + m_options.maxBatch;
                        std::move(m_queue.begin(), end, std::back_inserter(batch));
                        m_queue.erase(m_queue.begin(), end);
                    }
                }
            }
            if (work == Work::Stop)
                break;
            if (work == Work::Index) {
                indexChunk();
                continue;
            }
            m_idleFrom = QDeadlineTimer(m_options.indexIdleDelay);
            writeBatch(batch);
            // The appends' buffers were allocated by the appending threads;
            // let the next append free them there, rather than spend the
            // writer's time on frees that contend for the other thread's heap.
            {
                QMutexLocker lock(&m_queueMutex);
                if (m_spent.empty())
                    m_spent.swap(batch);
            }
            batch.clear();
        }
    }

    m_repository.reset();
    m_database.reset();
    QMutexLocker lock(&m_progressMutex);
    if (m_state == State::Running)
        m_state = State::Stopped;
    m_progressed.wakeAll();
}

StoreError EventWriter::resumeChain()
{
    // Continue after whichever is further: the head the last commit
    // recorded, or the newest row. They differ only in a damaged log; going
    // on from the further one keeps the damage visible to verify instead of
    // writing over it (and never reuses a sequence).
    const StoreResult<ChainHead> recorded = m_repository->recordedHead();
    if (!recorded)
        return recorded.error();
    const StoreResult<ChainHead> last = m_repository->lastEvent();
    if (!last)
        return last.error();
    m_head = last->sequence > recorded->sequence ? last.value() : recorded.value();
    const StoreResult<qint64> lastTime = m_repository->lastEventTime();
    if (!lastTime)
        return lastTime.error();
    m_lastTimeMs = lastTime.value();
    return std::nullopt;
}

void EventWriter::writeBatch(Batch &batch)
{
    const ChainHead before = m_head;
    const qint64 beforeTimeMs = m_lastTimeMs;
    StoreError error = writeEvents(batch);
    qint64 firstSequence = m_head.sequence - qint64(batch.size()) + 1;
    if (error) {
        m_repository->rollback();
        m_head = before;
        m_lastTimeMs = beforeTimeMs;
        firstSequence = 0;
        qCWarning(lcWriter) << "batch of" << batch.size() << "events failed:" << *error;
    } else {
        m_indexStalled = false;
    }
    acknowledge(batch, firstSequence,
                error
                    ? u"the event store %1 could not record %2 event(s): %3. None of them was written; check "
                      "free disk space and write permission, then append again"_s.arg(
                          m_options.path, QString::number(batch.size()), *error)
                    : QString());
}

StoreError EventWriter::writeEvents(const Batch &batch)
{
    if (auto error = m_repository->beginWrite())
        return error;
    // Another store on the same file (another process) may have appended
    // since the last batch: go on from its head rather than fork the chain.
    const StoreResult<ChainHead> recorded = m_repository->recordedHead();
    if (!recorded)
        return recorded.error();
    if (recorded->sequence != m_head.sequence || recorded->hash != m_head.hash) {
        if (auto error = resumeChain())
            return error;
    }

    // One timestamp for the whole batch: it commits as a unit. Never earlier
    // than the last one, even when the clock steps back, so time stays
    // ordered along the sequence (export --since relies on it).
    const qint64 timeMs = std::max(QDateTime::currentMSecsSinceEpoch(), m_lastTimeMs);
    // The hashes stay put while the batch is written: each event's
    // prev_hash and the bound hash text point into them.
    m_hashes.resize(batch.size());
    EncodedEvent event;
    event.timeMs = timeMs;
    event.sequence = m_head.sequence;
    event.prevHash = m_head.hash;
    for (size_t i = 0; i < batch.size(); ++i) {
        const QueuedAppend &append = batch[i];
        ++event.sequence;
        event.runId = append.runId();
        event.actor = append.actor();
        event.kind = append.kind();
        event.payload = append.payload();
        char *hash = m_hashes[i].data();
        Event::chainHash(event.prevHash, append.head(), append.runPiece(), event.sequence, timeMs, hash);
        const QByteArrayView hashView(hash, qsizetype(m_hashes[i].size()));
        if (auto error = m_repository->insert(event, hashView))
            return error;
        event.prevHash = hashView;
    }
    const ChainHead head { event.sequence, event.prevHash.toByteArray() };
    if (auto error = m_repository->recordHead(head))
        return error;
    if (auto error = m_repository->commit())
        return error;
    m_head = head;
    m_lastTimeMs = timeMs;
    return std::nullopt;
}

void EventWriter::acknowledge(const Batch &batch, qint64 firstSequence, const QString &error)
{
    const bool ok = error.isEmpty();
    for (size_t i = 0; i < batch.size(); ++i) {
        AppendResult *result = batch[i].result;
        if (!result)
            continue;
        if (ok) {
            result->sequence = firstSequence + qint64(i);
            result->hash = QString::fromLatin1(m_hashes[i].data(), qsizetype(m_hashes[i].size()));
        } else {
            result->error = error;
        }
    }
    const qint64 lastSequence = ok ? firstSequence + qint64(batch.size()) - 1 : 0;
    {
        QMutexLocker lock(&m_progressMutex);
        m_acknowledgedTicket = batch.back().ticket;
        if (ok) {
            ++m_statistics.batches;
            m_statistics.events += batch.size();
            m_statistics.committedSequence = lastSequence;
        } else {
            ++m_statistics.failedBatches;
        }
        m_progressed.wakeAll();
    }
    if (m_onBatchDone)
        m_onBatchDone(BatchDone { batch.back().ticket, ok ? firstSequence : 0, lastSequence, error });
}

void EventWriter::indexChunk()
{
    StoreError error = m_repository->beginWrite();
    qint64 watermark = m_indexedSequence;
    if (!error) {
        const StoreResult<qint64> indexed = m_repository->indexPending(m_options.indexChunk);
        if (indexed)
            watermark = indexed.value();
        else
            error = indexed.error();
    }
    if (!error)
        error = m_repository->commit();
    if (error) {
        m_repository->rollback();
        m_indexStalled = true;
        qCWarning(lcWriter) << "full-text indexing failed, will retry after the next append:" << *error;
        return;
    }
    if (watermark == m_indexedSequence)
        m_indexStalled = true;
    m_indexedSequence = watermark;
    QMutexLocker lock(&m_progressMutex);
    m_statistics.indexedSequence = watermark;
    m_progressed.wakeAll();
}

} // namespace delegate
