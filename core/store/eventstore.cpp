// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventstore.h"

#include "domain/event.h"
#include "store/storedatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>

#include <limits>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

const QString closedError = u"the event store is closed: open it before appending"_s;

} // namespace

// Suspends an append() until the writer has acknowledged its event. The
// result lives here, in the coroutine frame; the writer fills it in before
// it acknowledges, and the store resumes the coroutine on its own thread.
class EventStore::AppendAwaiter final
{
public:
    AppendAwaiter(EventStore *store, EventDraft draft)
        : m_store(store)
        , m_draft(std::move(draft))
    { }

    bool await_ready()
    {
        if (auto error = validate(m_draft)) {
            m_result.error = *error;
            return true;
        }
        if (!m_store->m_writer) {
            m_result.error = closedError;
            return true;
        }
        return false;
    }

    void await_suspend(std::coroutine_handle<> coroutine)
    {
        const quint64 ticket = m_store->m_writer->enqueue(QueuedAppend::prepare(m_draft, &m_result));
        // Acknowledgements reach this thread through its event loop, so none
        // can arrive before the coroutine is registered here.
        m_store->m_waiting.push_back(Waiting { ticket, coroutine });
    }

    AppendResult await_resume() { return std::move(m_result); }

private:
    EventStore *m_store;
    EventDraft m_draft;
    AppendResult m_result;
};

EventStore::EventStore(QObject *parent)
    : QObject(parent)
{ }

EventStore::~EventStore()
{
    close();
}

QString EventStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/delegate.db"_s;
}

StoreError EventStore::open(const EventStoreOptions &options)
{
    close();
    const QString path = options.path.isEmpty() ? defaultPath() : options.path;
    const QString directory = QFileInfo(path).absolutePath();
    if (!StoreDatabase::isPostgresAddress(path) && !QDir().mkpath(directory)) {
        return u"cannot create the directory %1 for the event store: check its permissions, or choose "
               "another location for the store"_s.arg(directory);
    }
    EventWriterOptions writerOptions;
    writerOptions.path = path;
    writerOptions.maxBatch = std::max(1, options.maxBatch);
    writerOptions.indexIdleDelay = options.indexIdleDelay;
    writerOptions.indexChunk = std::max(1, options.indexChunk);
    // Runs on the writer thread; the context object makes the call land on
    // this object's thread, and drops it if this object is gone by then.
    const quint64 generation = ++m_generation;
    auto writer =
        std::make_unique<EventWriter>(writerOptions, [this, generation](const EventWriter::BatchDone &done) {
            QMetaObject::invokeMethod(
                this, [this, generation, done] { batchDone(generation, done); }, Qt::QueuedConnection);
        });
    if (auto error = writer->start())
        return error;
    m_writer = std::move(writer);
    m_path = path;
    return std::nullopt;
}

void EventStore::close()
{
    if (!m_writer)
        return;
    // Stopping writes and acknowledges everything queued; the coroutines
    // waiting for those acknowledgements resume here rather than through
    // calls that would be dropped with this object.
    std::unique_ptr<EventWriter> writer = std::move(m_writer);
    writer->stop();
    writer.reset();
    resumeWaiting(std::numeric_limits<quint64>::max());
}

QCoro::Task<AppendResult> EventStore::append(EventDraft draft)
{
    co_return co_await AppendAwaiter(this, std::move(draft));
}

AppendResult EventStore::appendAndWait(EventDraft draft)
{
    AppendResult result;
    if (auto error = validate(draft)) {
        result.error = *error;
        return result;
    }
    const quint64 ticket = m_writer ? m_writer->enqueue(QueuedAppend::prepare(draft, &result)) : 0;
    if (ticket == 0) {
        result.error = closedError;
        return result;
    }
    m_writer->waitForTicket(ticket);
    return result;
}

quint64 EventStore::post(const EventDraft &draft)
{
    if (!m_writer || validate(draft))
        return 0;
    return m_writer->enqueue(QueuedAppend::prepare(draft, nullptr));
}

bool EventStore::waitUntilDurable(quint64 ticket, QDeadlineTimer deadline)
{
    return m_writer && m_writer->waitForTicket(ticket, deadline);
}

bool EventStore::waitForIndexed(qint64 sequence, QDeadlineTimer deadline)
{
    return m_writer && m_writer->waitForIndexed(sequence, deadline);
}

WriterStatistics EventStore::statistics() const
{
    return m_writer ? m_writer->statistics() : WriterStatistics {};
}

StoreError EventStore::validate(const EventDraft &draft)
{
    if (!Event::isValidActor(draft.actor)) {
        return u"the actor \"%1\" is not valid: use \"agent\", \"system\" or \"user:<name>\" (a name without "
               "spaces)"_s.arg(draft.actor);
    }
    if (!Event::isValidKind(draft.kind)) {
        return u"the kind \"%1\" is not valid: use a dotted name without spaces of at most 128 characters, "
               "such as \"tool.call\""_s.arg(draft.kind);
    }
    return std::nullopt;
}

void EventStore::batchDone(quint64 generation, const EventWriter::BatchDone &done)
{
    if (generation != m_generation)
        return;
    QPointer<EventStore> self(this);
    resumeWaiting(done.lastTicket);
    if (!self)
        return;
    if (done.error.isEmpty())
        Q_EMIT appended(done.firstSequence, done.lastSequence);
    else
        Q_EMIT appendFailed(done.error);
}

void EventStore::resumeWaiting(quint64 upToTicket)
{
    QPointer<EventStore> self(this);
    // A resumed coroutine may append again (its ticket is newer, so it
    // waits) or even destroy this store: pop before resuming, check after.
    while (self && !m_waiting.empty() && m_waiting.front().ticket <= upToTicket) {
        const std::coroutine_handle<> coroutine = m_waiting.front().coroutine;
        m_waiting.pop_front();
        coroutine.resume();
    }
}

} // namespace delegate
