// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/chainverifier.h"
#include "store/eventreader.h"
#include "store/eventstore.h"
#include "storetestsupport.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <set>

using namespace delegate;
using namespace Qt::StringLiterals;

namespace {

EventDraft draft(int n, const QString &runId = u"run-1"_s)
{
    return EventDraft { runId, u"agent"_s, u"agent.message"_s,
                        QJsonObject { { u"n"_s, n }, { u"text"_s, u"message %1"_s.arg(n) } } };
}

} // namespace

class TestEventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void appendAndReadBack();
    void appendAndWaitFromThisThread();
    void invalidDraftsAreRejected_data();
    void invalidDraftsAreRejected();
    void appendedSignalReportsDurableRange();
    void coroutineAppendsKeepCallOrder();
    void groupCommitTakesWhatQueuedDuringACommit();
    void concurrentAppendsFromThreads();
    void reopenContinuesTheChain();
    void closeCompletesPendingAppends();
    void appendAfterCloseFails();
    void defaultPathIsInAppData();
    void openFailsWithAUsefulMessage();

private:
    QString storePath() const { return m_storePath; }
    EventStoreOptions options() const
    {
        EventStoreOptions options;
        options.path = storePath();
        return options;
    }

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_storePath;
};

void TestEventStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const std::optional<QString> error = test::TestStores::instance().start();
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestEventStore::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    QString error;
    m_storePath = test::TestStores::instance().newStore(*m_directory, u"events.db"_s, &error);
    QVERIFY2(!m_storePath.isEmpty(), qPrintable(error));
}

void TestEventStore::appendAndReadBack()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    EventDraft input = draft(1);
    input.payload.insert(u"unicode"_s, u"\u00e9\U0001F600"_s);
    input.payload.insert(u"numbers"_s, QJsonArray { 0.1, qint64(1) << 60, -3 });
    const AppendResult first = QCoro::waitFor(store.append(input));
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(first.sequence, 1);
    const AppendResult second = QCoro::waitFor(store.append(draft(2, QString())));
    QCOMPARE(second.sequence, 2);

    EventReader reader;
    QVERIFY(!reader.open(storePath()));
    const std::optional<Event> event = reader.events().event(1);
    QVERIFY(event);
    QCOMPARE(event->sequence, 1);
    QCOMPARE(event->runId, input.runId);
    QCOMPARE(event->actor, input.actor);
    QCOMPARE(event->kind, input.kind);
    QCOMPARE(event->payload, input.payload);
    QCOMPARE(event->prevHash, Event::genesisHash());
    QCOMPARE(event->hash, first.hash);
    QCOMPARE(event->computeHash(), first.hash);
    QVERIFY(qAbs(event->time.msecsTo(QDateTime::currentDateTimeUtc())) < 60'000);

    const std::optional<Event> engineWide = reader.events().event(2);
    QVERIFY(engineWide);
    QCOMPARE(engineWide->runId, QString());
    QCOMPARE(engineWide->prevHash, first.hash);
    QCOMPARE(engineWide->computeHash(), second.hash);
    QVERIFY(engineWide->time >= event->time);
}

void TestEventStore::appendAndWaitFromThisThread()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    for (int i = 1; i <= 3; ++i) {
        const AppendResult result = store.appendAndWait(draft(i));
        QVERIFY(result.ok());
        QCOMPARE(result.sequence, i);
    }
    QCOMPARE(store.statistics().committedSequence, 3);
}

void TestEventStore::invalidDraftsAreRejected_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown actor") << u"robot"_s << u"x.y"_s << u"the actor \"robot\" is not valid"_s;
    QTest::addRow("user without name") << u"user:"_s << u"x.y"_s << u"user:<name>"_s;
    QTest::addRow("empty kind") << u"agent"_s << QString() << u"the kind \"\" is not valid"_s;
    QTest::addRow("kind with space") << u"agent"_s << u"tool call"_s << u"such as \"tool.call\""_s;
}

void TestEventStore::invalidDraftsAreRejected()
{
    QFETCH(QString, actor);
    QFETCH(QString, kind);
    QFETCH(QString, message);
    EventStore store;
    QVERIFY(!store.open(options()));
    const EventDraft bad { u"run-1"_s, actor, kind, {} };
    const AppendResult awaited = QCoro::waitFor(store.append(bad));
    QVERIFY(!awaited.ok());
    QVERIFY2(awaited.error.contains(message), qPrintable(awaited.error));
    QVERIFY(!store.appendAndWait(bad).ok());
    QCOMPARE(store.post(bad), quint64(0));
    QCOMPARE(store.appendAndWait(draft(1)).sequence, 1);
}

void TestEventStore::appendedSignalReportsDurableRange()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    QSignalSpy appended(&store, &EventStore::appended);
    quint64 last = 0;
    for (int i = 1; i <= 10; ++i)
        last = store.post(draft(i));
    QVERIFY(last > 0);
    QTRY_VERIFY(!appended.isEmpty() && appended.last().at(1).toLongLong() == 10);
    QCOMPARE(appended.first().at(0).toLongLong(), 1);
    qint64 expectedFirst = 1;
    for (const QList<QVariant> &range : std::as_const(appended)) {
        QCOMPARE(range.at(0).toLongLong(), expectedFirst);
        expectedFirst = range.at(1).toLongLong() + 1;
    }
}

void TestEventStore::coroutineAppendsKeepCallOrder()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    std::vector<QCoro::Task<AppendResult>> tasks;
    for (int i = 0; i < 200; ++i)
        tasks.push_back(store.append(draft(i)));
    for (int i = 0; i < 200; ++i) {
        const AppendResult result = QCoro::waitFor(tasks[size_t(i)]);
        QVERIFY(result.ok());
        QCOMPARE(result.sequence, i + 1);
    }
}

void TestEventStore::groupCommitTakesWhatQueuedDuringACommit()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    QCOMPARE(store.appendAndWait(draft(0)).sequence, 1);
    const WriterStatistics before = store.statistics();

    // Hold the write lock from another connection: the writer blocks on its
    // first batch, and everything appended meanwhile queues up behind it.
    const std::unique_ptr<StoreDatabase> blockerDatabase = StoreDatabase::forAddress(storePath());
    QVERIFY(!blockerDatabase->open(StoreDatabase::Mode::ReadWrite));
    const std::unique_ptr<EventRepository> blocker = blockerDatabase->createRepository();
    QVERIFY(!blocker->beginWrite());
    quint64 last = 0;
    for (int i = 1; i <= 500; ++i)
        last = store.post(draft(i));
    QVERIFY(!store.waitUntilDurable(last, QDeadlineTimer(50)));
    QVERIFY(!blocker->commit());
    QVERIFY(store.waitUntilDurable(last, QDeadlineTimer(30'000)));

    const WriterStatistics after = store.statistics();
    QCOMPARE(after.events - before.events, quint64(500));
    // At most the batch that was waiting for the lock, then one for the rest.
    QVERIFY2(after.batches - before.batches <= 2,
             qPrintable(QString::number(after.batches - before.batches)));
}

void TestEventStore::concurrentAppendsFromThreads()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    constexpr int threads = 4;
    constexpr int perThread = 250;
    std::vector<std::vector<AppendResult>> results(threads);
    std::vector<std::unique_ptr<QThread>> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&store, &results, t] {
            for (int i = 0; i < perThread; ++i)
                results[size_t(t)].push_back(store.appendAndWait(draft(i, u"run-%1"_s.arg(t))));
        }));
        workers.back()->start();
    }
    for (auto &worker : workers)
        QVERIFY(worker->wait(60'000));

    std::set<qint64> sequences;
    for (const auto &perWorker : results) {
        QCOMPARE(perWorker.size(), size_t(perThread));
        qint64 previous = 0;
        for (const AppendResult &result : perWorker) {
            QVERIFY2(result.ok(), qPrintable(result.error));
            QVERIFY(result.sequence > previous); // a thread's appends keep its order
            previous = result.sequence;
            sequences.insert(result.sequence);
        }
    }
    QCOMPARE(sequences.size(), size_t(threads * perThread));
    QCOMPARE(*sequences.begin(), 1);
    QCOMPARE(*sequences.rbegin(), threads * perThread);
    const WriterStatistics statistics = store.statistics();
    QCOMPARE(statistics.events, quint64(threads * perThread));
    qInfo() << "group commit:" << statistics.events << "events in" << statistics.batches << "transactions";

    store.close();
    EventReader reader;
    QVERIFY(!reader.open(storePath()));
    const StoreResult<VerifyReport> report = ChainVerifier::verify(reader.events());
    QVERIFY(report);
    QVERIFY2(report->intact(), qPrintable(report->detail));
    QCOMPARE(report->checked, threads * perThread);
}

void TestEventStore::reopenContinuesTheChain()
{
    AppendResult last;
    {
        EventStore store;
        QVERIFY(!store.open(options()));
        for (int i = 1; i <= 5; ++i)
            last = store.appendAndWait(draft(i));
    }
    EventStore store;
    QVERIFY(!store.open(options()));
    const AppendResult next = QCoro::waitFor(store.append(draft(6)));
    QCOMPARE(next.sequence, 6);
    store.close();

    EventReader reader;
    QVERIFY(!reader.open(storePath()));
    QCOMPARE(reader.events().event(6)->prevHash, last.hash);
    const StoreResult<VerifyReport> report = ChainVerifier::verify(reader.events());
    QVERIFY(report && report->intact());
    QCOMPARE(report->checked, 6);
}

void TestEventStore::closeCompletesPendingAppends()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    std::vector<QCoro::Task<AppendResult>> tasks;
    for (int i = 0; i < 50; ++i)
        tasks.push_back(store.append(draft(i)));
    store.close();
    for (int i = 0; i < 50; ++i) {
        QVERIFY(tasks[size_t(i)].isReady());
        const AppendResult result = QCoro::waitFor(tasks[size_t(i)]);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.sequence, i + 1);
    }
}

void TestEventStore::appendAfterCloseFails()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    store.close();
    const AppendResult result = QCoro::waitFor(store.append(draft(1)));
    QVERIFY(!result.ok());
    QVERIFY(result.error.contains(u"closed"_s));
    QVERIFY(!store.appendAndWait(draft(1)).ok());
    QCOMPARE(store.post(draft(1)), quint64(0));
}

void TestEventStore::defaultPathIsInAppData()
{
    if (test::TestStores::instance().isPostgres())
        QSKIP("a PostgreSQL store has no default location");
    QCOMPARE(EventStore::defaultPath(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/delegate.db"_s);
}

void TestEventStore::openFailsWithAUsefulMessage()
{
    if (test::TestStores::instance().isPostgres()) {
        // A loopback port nobody listens on: the server is unreachable.
        const quint16 port = test::TestStores::instance().server()->port();
        const QString unreachable = u"postgresql://delegate@127.0.0.1:%1/nothing"_s.arg(port == 1 ? 2 : 1);
        EventStore store;
        EventStoreOptions bad;
        bad.path = unreachable;
        const StoreError error = store.open(bad);
        QVERIFY(error);
        QVERIFY2(error->contains(u"cannot connect to the PostgreSQL store " + unreachable)
                     && error->contains(u"Check that the server runs"_s),
                 qPrintable(*error));
        QVERIFY(!store.isOpen());

        bad.path = u"postgresql://delegate:secret@127.0.0.1:%1/store_1"_s.arg(port);
        const StoreError password = store.open(bad);
        QVERIFY(password);
        QVERIFY2(password->contains(u"contains a password"_s) && password->contains(u"PGPASSFILE"_s)
                     && !password->contains(u"secret"_s),
                 qPrintable(*password));
        return;
    }
    QFile notADatabase(m_directory->filePath(u"notes.txt"_s));
    QVERIFY(notADatabase.open(QIODevice::WriteOnly));
    notADatabase.write(QByteArray(4096, 'x'));
    notADatabase.close();
    EventStore store;
    EventStoreOptions bad;
    bad.path = notADatabase.fileName();
    const StoreError error = store.open(bad);
    QVERIFY(error);
    QVERIFY2(error->contains(notADatabase.fileName()) && error->contains(u"not a usable SQLite database"_s),
             qPrintable(*error));
    QVERIFY(!store.isOpen());
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
