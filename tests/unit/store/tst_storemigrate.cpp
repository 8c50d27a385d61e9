// SPDX-License-Identifier: GPL-3.0-or-later
#include "storetestsupport.h"

#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "store/chainverifier.h"
#include "store/eventreader.h"
#include "store/eventstore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Outcome runCommand(const QStringList &arguments)
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    Outcome outcome;
    {
        cli::Console console(&out, &err);
        cli::CommandRegistry registry;
        cli::registerAllCommands(registry);
        outcome.exitCode = QCoro::waitFor(registry.dispatch(arguments, console));
        console.out().flush();
        console.err().flush();
    }
    outcome.out = out.data();
    outcome.err = err.data();
    return outcome;
}

} // namespace

// delegatectl store migrate: an SQLite history copied into an empty store
// (a PostgreSQL database in the _postgresql run), every event kept as it was
// and the copy's chain verified.
class TestStoreMigrate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void copiesEveryEventAndTheChainVerifies();
    void refusesATargetThatIsNotEmpty();
    void reportsADamagedSource();
    void usageErrors_data();
    void usageErrors();

private:
    // Appends events through the real writer, with text to search for,
    // nested payloads, non-ASCII text and several runs.
    void fillSource(int count);

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_source;
    QString m_target;
};

void TestStoreMigrate::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const std::optional<QString> error = test::TestStores::instance().start();
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestStoreMigrate::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    m_source = m_directory->filePath(u"source.db"_s);
    QString error;
    m_target = test::TestStores::instance().newStore(*m_directory, u"target.db"_s, &error);
    QVERIFY2(!m_target.isEmpty(), qPrintable(error));
}

void TestStoreMigrate::fillSource(int count)
{
    EventStore store;
    EventStoreOptions options;
    options.path = m_source;
    QVERIFY(!store.open(options));
    quint64 last = 0;
    for (int i = 1; i <= count; ++i) {
        const QString text = i % 10 == 0 ? u"the parser failed at step %1, naïve café ✓"_s.arg(i)
                                         : u"step %1 went fine"_s.arg(i);
        const EventDraft draft {
            i % 7 == 0 ? QString() : u"run-%1"_s.arg(i % 5), u"agent"_s, u"agent.message"_s,
            QJsonObject {
                { u"text"_s, text },
                { u"n"_s, i },
                { u"detail"_s,
                  QJsonObject { { u"ratio"_s, i / 3.0 }, { u"tags"_s, QJsonArray { u"a"_s, i } } } } }
        };
        last = store.post(draft);
    }
    QVERIFY(store.waitUntilDurable(last, QDeadlineTimer(60'000)));
}

void TestStoreMigrate::copiesEveryEventAndTheChainVerifies()
{
    constexpr int count = 2500;
    fillSource(count);
    if (QTest::currentTestFailed())
        return;

    // Batches of 700: several full ones and a remainder.
    const Outcome outcome = runCommand({ u"store"_s, u"migrate"_s, u"--from"_s, m_source, u"--to"_s, m_target,
                                         u"--batch"_s, u"700"_s, u"--json"_s });
    QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
    const QJsonObject report = outcome.json();
    QCOMPARE(report.value("copied"_L1).toInteger(), count);
    QCOMPARE(report.value("verified"_L1).toBool(), true);
    QCOMPARE(report.value("complete"_L1).toBool(), true);
    QCOMPARE(report.value("target_head"_L1).toObject().value("sequence"_L1).toInteger(), count);
    QVERIFY(outcome.err.contains("copying: 700 of 2500"));
    QVERIFY(outcome.err.contains("copying: 2500 of 2500"));
    QVERIFY(outcome.err.contains("verifying: 2500 of 2500"));

    // Every event arrived as it was: the same bytes, the same hashes.
    EventReader source;
    QVERIFY(!source.open(m_source));
    EventReader target;
    QVERIFY(!target.open(m_target));
    QList<Event> sourceEvents;
    QVERIFY(!source.events().forEach(1, [&](const EncodedEvent &event, QByteArrayView hash) {
        sourceEvents.append(EventRepository::decode(event, hash));
        return true;
    }));
    qint64 compared = 0;
    QVERIFY(!target.events().forEach(1, [&](const EncodedEvent &event, QByteArrayView hash) {
        const Event copy = EventRepository::decode(event, hash);
        const Event &original = sourceEvents.at(compared++);
        if (copy.sequence != original.sequence || copy.runId != original.runId || copy.time != original.time
            || copy.actor != original.actor || copy.kind != original.kind || copy.payload != original.payload
            || copy.prevHash != original.prevHash || copy.hash != original.hash
            || copy.computeHash() != copy.hash) {
            qWarning() << "event" << copy.sequence << "differs from the original";
            return false;
        }
        return true;
    }));
    QCOMPARE(compared, qint64(count));
    const StoreResult<VerifyReport> verified = ChainVerifier::verify(target.events());
    QVERIFY(verified && verified->intact());
    QCOMPARE(verified->checked, count);

    // The copy is indexed: search and the index by run work at once.
    SearchRequest request;
    request.query = SearchRequest::fromWords(u"parser cafe"_s);
    request.limit = 1000;
    const StoreResult<SearchPage> found = target.events().search(request);
    QVERIFY2(found, qPrintable(found.error()));
    QCOMPARE(found->unindexed, 0);
    QCOMPARE(found->hits.size(), count / 10);
    EventFilter byRun;
    byRun.runId = u"run-3"_s;
    qint64 runEvents = 0;
    QVERIFY(!target.events().forEach(byRun, [&runEvents](const EncodedEvent &event, QByteArrayView) {
        runEvents += event.runId == "run-3" ? 1 : 1000;
        return true;
    }));
    qint64 expectedRunEvents = 0;
    for (int i = 1; i <= count; ++i)
        expectedRunEvents += i % 7 != 0 && i % 5 == 3 ? 1 : 0;
    QCOMPARE(runEvents, expectedRunEvents);
    target.close();

    // An engine on the copy continues the same chain.
    EventStore store;
    EventStoreOptions options;
    options.path = m_target;
    QVERIFY(!store.open(options));
    const AppendResult next = store.appendAndWait(EventDraft { {}, u"system"_s, u"store.migrated"_s, {} });
    QVERIFY2(next.ok(), qPrintable(next.error));
    QCOMPARE(next.sequence, count + 1);
}

void TestStoreMigrate::refusesATargetThatIsNotEmpty()
{
    fillSource(5);
    QVERIFY(!test::appendChain(m_target, test::numberedEntries(3)));
    const Outcome outcome =
        runCommand({ u"store"_s, u"migrate"_s, u"--from"_s, m_source, u"--to"_s, m_target });
    QCOMPARE(outcome.exitCode, 69);
    QVERIFY2(outcome.err.contains("already holds 3 events: copy into an empty store"),
             outcome.err.constData());
    // Nothing was added to it.
    EventReader target;
    QVERIFY(!target.open(m_target));
    QCOMPARE(target.events().lastEvent()->sequence, 3);
}

void TestStoreMigrate::reportsADamagedSource()
{
    QVERIFY(!test::appendChain(m_source, test::numberedEntries(20)));
    {
        // The source is SQLite in both runs.
        const std::unique_ptr<StoreDatabase> source = StoreDatabase::forAddress(m_source);
        QVERIFY(!source->open(StoreDatabase::Mode::ReadWrite));
        QVERIFY(!source->execute(u"DROP TRIGGER events_append_only_update"_s));
        QVERIFY(!source->execute(
            u"UPDATE events SET payload = '{\"n\":12,\"text\":\"forged\"}' WHERE seq = 12"_s));
    }
    const Outcome outcome =
        runCommand({ u"store"_s, u"migrate"_s, u"--from"_s, m_source, u"--to"_s, m_target, u"--quiet"_s });
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.out.contains("the copy's chain is broken at event 12 (hash mismatch)"),
             outcome.out.constData());
    const QByteArray hint = "delegatectl audit verify --store " + m_source.toUtf8();
    QVERIFY(outcome.out.contains(hint));
    QVERIFY(outcome.err.isEmpty());
}

void TestStoreMigrate::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("no target") << QStringList { u"--from"_s, u"x.db"_s } << 64 << u"--to is missing"_s;
    QTest::addRow("bad batch") << QStringList { u"--to"_s, u"y.db"_s, u"--batch"_s, u"0"_s } << 64
                               << u"--batch must be a number"_s;
    QTest::addRow("missing source") << QStringList { u"--from"_s, u"/nonexistent/x.db"_s, u"--to"_s,
                                                     u"y.db"_s }
                                    << 69 << u"there is no event store at /nonexistent/x.db"_s;
    QTest::addRow("password in address")
        << QStringList { u"--from"_s, QString(), u"--to"_s, u"postgresql://u:hunter2@127.0.0.1/db"_s } << 69
        << u"contains a password"_s;
}

void TestStoreMigrate::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    if (arguments.contains(QString())) {
        fillSource(1);
        arguments.replace(arguments.indexOf(QString()), m_source);
    }
    const Outcome outcome = runCommand(QStringList { u"store"_s, u"migrate"_s } + arguments);
    QCOMPARE(outcome.exitCode, exitCode);
    QVERIFY2(outcome.err.contains(message.toUtf8()), outcome.err.constData());
    QVERIFY(!outcome.err.contains("hunter2"));
}

QTEST_GUILESS_MAIN(TestStoreMigrate)
#include "tst_storemigrate.moc"
